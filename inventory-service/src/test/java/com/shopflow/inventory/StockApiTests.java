package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.line;
import static com.shopflow.inventory.TestOrder.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST API over real HTTP: answers, problem+json for client mistakes, OpenAPI, actuator. */
@InventoryServiceTest
class StockApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;
    private final Stock stock;

    StockApiTests(@LocalServerPort int port, @Autowired Stock stock) {
        this.base = "http://127.0.0.1:" + port;
        this.stock = stock;
    }

    @Test
    void putCreatesASkuAndGetShowsItsCounters() throws Exception {
        String sku = newSku();

        HttpResponse<String> created = put("/stock/" + sku, "{\"available\": 25}");
        stock.reserve(new TestOrder(line(sku, 5)).reserve());
        HttpResponse<String> read = get("/stock/" + sku);

        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(created.body()).get("available").asInt()).isEqualTo(25);
        assertThat(read.statusCode()).isEqualTo(200);
        JsonNode item = JSON.readTree(read.body());
        assertThat(item.get("sku").asString()).isEqualTo(sku);
        assertThat(item.get("available").asInt()).isEqualTo(20);
        assertThat(item.get("reserved").asInt()).isEqualTo(5);
        assertThat(item.get("sold").asInt()).isEqualTo(0);
    }

    @Test
    void seededSkusAreThereAtStartUp() throws Exception {
        HttpResponse<String> response = get("/stock/SKU-2");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode item = JSON.readTree(response.body());
        assertThat(item.get("available").asInt() + item.get("reserved").asInt() + item.get("sold").asInt())
                .isEqualTo(1000);
    }

    @Test
    void unknownSkuIsANotFoundProblem() throws Exception {
        assertProblem(get("/stock/" + newSku()), 404);
        assertProblem(get("/reservations/" + newSku()), 404);
    }

    @Test
    void badStockLevelsAreProblemsNamingTheFieldAndChangeNothing() throws Exception {
        String sku = newSku();
        stock.setAvailable(sku, 7);

        assertBadField(put("/stock/" + sku, "{\"available\": -1}"), "available");
        assertBadField(put("/stock/" + sku, "{\"available\": \"many\"}"), "available");
        assertBadField(put("/stock/" + sku, "{\"available\": 1.5}"), "available");
        assertBadField(put("/stock/" + sku, "{\"available\": \"5\"}"), "available");
        assertBadField(put("/stock/" + sku, "{\"available\": 99999999999}"), "available");
        assertBadField(put("/stock/" + sku, "{}"), "available");
        assertBadField(put("/stock/" + sku, "{\"available\": "), "body");
        assertBadField(put("/stock/" + "x".repeat(101), "{\"available\": 1}"), "sku");
        assertProblem(get("/stock/"), 404);

        assertThat(JSON.readTree(get("/stock/" + sku).body()).get("available").asInt()).isEqualTo(7);
    }

    @Test
    void reservationsAreFoundByOrderId() throws Exception {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 3));
        stock.reserve(order.reserve());

        HttpResponse<String> response = get("/reservations/" + order.orderId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reservation = JSON.readTree(response.body());
        assertThat(reservation.get("status").asString()).isEqualTo("RESERVED");
        assertThat(reservation.get("lines").get(0).get("sku").asString()).isEqualTo(sku);
        assertThat(reservation.get("lines").get(0).get("quantity").asInt()).isEqualTo(3);
    }

    @Test
    void publishesOpenApiSwaggerUiAndMetrics() throws Exception {
        HttpResponse<String> apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(apiDocs.body()).get("paths").propertyNames())
                .contains("/stock/{sku}", "/reservations/{orderId}");
        assertThat(get("/swagger-ui.html").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

        String sku = newSku();
        stock.setAvailable(sku, 10);
        stock.reserve(new TestOrder(line(sku, 1)).reserve());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(get("/actuator/prometheus").body())
                .contains("shopflow_stock_total{")
                .contains("outcome=\"reserved\"")
                .contains("shopflow_stock_available{")
                .contains("sku=\"SKU-1\""));
    }

    private void assertBadField(HttpResponse<String> response, String field) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("errors").findValuesAsString("field")).as(response.body()).contains(field);
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        return problem;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private HttpResponse<String> put(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
