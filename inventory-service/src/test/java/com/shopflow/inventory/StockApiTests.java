package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.line;
import static com.shopflow.inventory.TestOrder.newSku;
import static com.shopflow.testkit.ProblemAssertions.assertBadField;
import static com.shopflow.testkit.ProblemAssertions.assertProblem;
import static com.shopflow.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import com.shopflow.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST API over real HTTP: answers, problem+json for client mistakes, OpenAPI, actuator. */
@InventoryServiceTest
class StockApiTests {

    private final TestHttp http;
    private final Stock stock;

    StockApiTests(@LocalServerPort int port, @Autowired Stock stock) {
        this.http = new TestHttp(port);
        this.stock = stock;
    }

    @Test
    void putCreatesASkuAndGetShowsItsCounters() {
        String sku = newSku();

        HttpResponse<String> created = http.put("/stock/" + sku, "{\"available\": 25}");
        stock.reserve(new TestOrder(line(sku, 5)).reserve());
        HttpResponse<String> read = http.get("/stock/" + sku);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(json(created.body()).get("available").asInt()).isEqualTo(25);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode item = json(read.body());
        assertThat(item.get("sku").asString()).isEqualTo(sku);
        assertThat(item.get("available").asInt()).isEqualTo(20);
        assertThat(item.get("reserved").asInt()).isEqualTo(5);
        assertThat(item.get("sold").asInt()).isEqualTo(0);
    }

    @Test
    void seededSkusAreThereAtStartUp() {
        HttpResponse<String> response = http.get("/stock/SKU-2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = json(response.body());
        assertThat(item.get("available").asInt() + item.get("reserved").asInt() + item.get("sold").asInt())
                .isEqualTo(1000);
    }

    @Test
    void unknownSkuIsANotFoundProblem() {
        assertProblem(http.get("/stock/" + newSku()), 404);
        assertProblem(http.get("/reservations/" + newSku()), 404);
    }

    @Test
    void badStockLevelsAreProblemsNamingTheFieldAndChangeNothing() {
        String sku = newSku();
        stock.setAvailable(sku, 7);

        assertBadField(http.put("/stock/" + sku, "{\"available\": -1}"), "available");
        assertBadField(http.put("/stock/" + sku, "{\"available\": \"many\"}"), "available");
        assertBadField(http.put("/stock/" + sku, "{\"available\": 1.5}"), "available");
        assertBadField(http.put("/stock/" + sku, "{\"available\": \"5\"}"), "available");
        assertBadField(http.put("/stock/" + sku, "{\"available\": 99999999999}"), "available");
        assertBadField(http.put("/stock/" + sku, "{}"), "available");
        assertBadField(http.put("/stock/" + sku, "{\"available\": "), "body");
        assertBadField(http.put("/stock/" + "x".repeat(101), "{\"available\": 1}"), "sku");
        assertProblem(http.get("/stock/"), 404);

        assertThat(json(http.get("/stock/" + sku).body()).get("available").asInt()).isEqualTo(7);
    }

    @Test
    void reservationsAreFoundByOrderId() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 3));
        stock.reserve(order.reserve());

        HttpResponse<String> response = http.get("/reservations/" + order.orderId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reservation = json(response.body());
        assertThat(reservation.get("status").asString()).isEqualTo("RESERVED");
        assertThat(reservation.get("lines").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(reservation.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
    }

    @Test
    void publishesOpenApiSwaggerUiAndMetrics() {
        http.assertPublishesApiDocsAndHealth("/stock/{sku}", "/reservations/{orderId}");

        String sku = newSku();
        stock.setAvailable(sku, 10);
        stock.reserve(new TestOrder(line(sku, 1)).reserve());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(http.get("/actuator/prometheus").body())
                .contains("shopflow_stock_total{")
                .contains("outcome=\"reserved\"")
                .contains("shopflow_stock_available{")
                .contains("sku=\"SKU-1\""));
    }
}
