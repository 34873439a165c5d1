package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.newSku;
import static com.shopflow.testkit.ProblemAssertions.assertProblem;
import static com.shopflow.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.stream.Stream;

import com.shopflow.testkit.TestHttp;
import com.shopflow.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may do what: valid tokens only; anyone reads stock, only an admin sets it or reads reservations. */
@InventoryServiceTest
class InventorySecurityTests {

    private final TestHttp http;

    InventorySecurityTests(@LocalServerPort int port) {
        this.http = new TestHttp(port);
    }

    static Stream<Arguments> refusedTokensOnEveryEndpoint() {
        return TestTokens.refusedOn("GET /stock/SKU-1", "PUT /stock/SKU-1", "GET /reservations/o1",
                "GET /dead-letters/orders", "GET /admin/outbox");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedTokensOnEveryEndpoint")
    void refusesRequestsWithoutAValidToken(String name, String token, String endpoint) {
        assertProblem(send(http.as(token), endpoint), 401);
    }

    @Test
    void anyCustomerReadsStockButOnlyAnAdminSetsIt() {
        String sku = newSku();
        assertThat(http.put("/stock/" + sku, "{\"available\": 7}").statusCode()).isEqualTo(200);
        TestHttp customer = http.asCustomer("ann");

        assertThat(json(customer.get("/stock/" + sku)).path("available").asInt()).isEqualTo(7);
        assertProblem(customer.put("/stock/" + sku, "{\"available\": 1000000}"), 403);
        assertThat(json(customer.get("/stock/" + sku)).path("available").asInt()).isEqualTo(7);
    }

    @Test
    void reservationsDeadLettersAndTheOutboxAreForAdminsOnly() {
        TestHttp customer = http.asCustomer("ann");

        assertProblem(customer.get("/reservations/" + newSku()), 403);
        assertProblem(customer.get("/dead-letters/inventory"), 403);
        assertProblem(customer.get("/admin/outbox"), 403);
        assertProblem(http.get("/reservations/" + newSku()), 404);
        assertThat(http.get("/dead-letters/inventory").statusCode()).isEqualTo(200);
    }

    @Test
    void actuatorShowsOnlyHealthInfoAndPrometheus() {
        assertThat(http.anonymous().get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(http.anonymous().get("/actuator/prometheus").statusCode()).isEqualTo(200);
        for (String hidden : new String[] {"/actuator/env", "/actuator/metrics", "/actuator/outbox"}) {
            assertThat(http.anonymous().get(hidden).statusCode()).as(hidden).isEqualTo(401);
            assertThat(http.get(hidden).statusCode()).as(hidden + " with an admin token").isEqualTo(404);
        }
    }

    private static HttpResponse<String> send(TestHttp http, String endpoint) {
        String[] parts = endpoint.split(" ");
        return parts[0].equals("PUT") ? http.put(parts[1], "{\"available\": 5}") : http.get(parts[1]);
    }
}
