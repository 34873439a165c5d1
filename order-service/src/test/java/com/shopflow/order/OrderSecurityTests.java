package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.testkit.TestTokens;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may do what over HTTP: tokens, own orders only, admin operations, actuator, rate limit. */
class OrderSecurityTests extends OrderServiceIntegration {

    /** Every business endpoint of the service, as "METHOD path" (see {@link #send} for the bodies). */
    static Stream<String> endpoints() {
        return Stream.of(
                "POST /orders",
                "GET /orders/" + UUID.randomUUID(),
                "GET /orders",
                "GET /orders?customerId=ann",
                "POST /admin/read-model/rebuild",
                "GET /admin/outbox",
                "POST /admin/outbox/requeue?topic=orders&key=k",
                "GET /dead-letters/orders",
                "POST /dead-letters/orders/0/0/replay");
    }

    static Stream<Arguments> refusedTokensOnEveryEndpoint() {
        return TestTokens.refusedOn(endpoints().toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedTokensOnEveryEndpoint")
    void refusesRequestsWithoutAValidToken(String name, String token, String endpoint) {
        HttpApi.Answer answer = send(api.as(token), endpoint);

        assertThat(answer.status()).as(answer.body()).isEqualTo(401);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("detail").asString()).doesNotContain("Jwt", "expired", "audience");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void adminEndpointsRefuseACustomerToken(String endpoint) {
        if (!endpoint.contains(" /admin") && !endpoint.contains(" /dead-letters")) {
            return;
        }
        HttpApi.Answer answer = send(api.asCustomer("ann"), endpoint);

        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.contentType()).startsWith("application/problem+json");
    }

    @Test
    void adminEndpointsServeAnAdminToken() {
        assertThat(api.get("/admin/outbox").json().has("backlog")).isTrue();
        assertThat(api.get("/dead-letters/orders").status()).isEqualTo(200);
        assertThat(send(api, "POST /admin/outbox/requeue?topic=orders&key=nothing").json()
                .path("requeued").asInt()).isZero();
    }

    @Test
    void aCustomerOrdersOnlyForItself() {
        String ann = newCustomer();

        HttpApi.Answer forAnother = api.asCustomer(ann).postOrder(orderJson(newCustomer()));
        HttpApi.Answer forItself = api.asCustomer(ann).postOrder(orderJson(ann));

        assertThat(forAnother.status()).isEqualTo(403);
        assertThat(forAnother.contentType()).startsWith("application/problem+json");
        assertThat(forAnother.field()).isEqualTo("customerId");
        assertThat(forItself.status()).isEqualTo(202);
    }

    @Test
    void anotherCustomersOrderIsNotFoundLikeAMissingOne() {
        String ann = newCustomer();
        String id = api.asCustomer(ann).postOrder(orderJson(ann)).json().path("orderId").asString();

        HttpApi.Answer byBob = api.asCustomer(newCustomer()).get("/orders/" + id);
        HttpApi.Answer missing = api.asCustomer(ann).get("/orders/" + UUID.randomUUID());

        assertThat(api.asCustomer(ann).get("/orders/" + id).status()).isEqualTo(200);
        assertThat(byBob.status()).isEqualTo(404);
        assertThat(byBob.json().path("title")).isEqualTo(missing.json().path("title"));
        assertThat(byBob.body()).doesNotContain(ann);
        assertThat(api.get("/orders/" + id).json().path("customerId").asString()).isEqualTo(ann);
    }

    @Test
    void aCustomerListsOnlyItsOwnOrders() {
        String ann = newCustomer();
        String bob = newCustomer();
        api.asCustomer(ann).postOrder(orderJson(ann));
        api.asCustomer(bob).postOrder(orderJson(bob));
        // The list is the read model, which takes its events in batches (up to 250 ms behind).
        Awaitility.await().atMost(WAIT).until(
                () -> api.get("/orders?customerId=" + bob).json().path("totalElements").asLong() == 1
                        && api.get("/orders?customerId=" + ann).json().path("totalElements").asLong() == 1);

        HttpApi.Answer own = api.asCustomer(ann).get("/orders?size=100");

        assertThat(own.status()).isEqualTo(200);
        assertThat(own.json().path("items").findValuesAsString("customerId")).containsOnly(ann).isNotEmpty();
        assertThat(api.asCustomer(ann).get("/orders?customerId=" + ann).json().path("totalElements").asLong())
                .isEqualTo(1);
        HttpApi.Answer others = api.asCustomer(ann).get("/orders?customerId=" + bob);
        assertThat(others.status()).isEqualTo(403);
        assertThat(others.field()).isEqualTo("customerId");
        assertThat(api.get("/orders?customerId=" + bob).json().path("totalElements").asLong()).isEqualTo(1);
    }

    @Test
    void tooManyOrdersOfOneCustomerAre429WithRetryAfter() {
        String ann = newCustomer();
        HttpApi customer = api.asCustomer(ann);
        HttpApi.Answer answer = customer.postOrder(orderJson(ann));
        // burst 10, 1 per second in this context: the 11th order within a second is one too many
        for (int i = 0; i < 20 && answer.status() == 202; i++) {
            answer = customer.postOrder(orderJson(ann));
        }

        assertThat(answer.status()).as(answer.body()).isEqualTo(429);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.headers().firstValue("Retry-After")).hasValueSatisfying(
                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 2L));
        assertThat(api.asCustomer(newCustomer()).postOrder(orderJson("x")).status())
                .as("another customer is not limited by ann's orders (403: not its own id)").isEqualTo(403);
        String bob = newCustomer();
        assertThat(api.asCustomer(bob).postOrder(orderJson(bob)).status()).isEqualTo(202);
    }

    @Test
    void actuatorShowsOnlyHealthInfoAndMetricsWithoutAToken() {
        HttpApi anonymous = api.as(null);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/health").json().has("components")).as("details only for an admin")
                .isFalse();
        assertThat(api.get("/actuator/health").json().has("components")).isTrue();
        assertThat(anonymous.get("/actuator/info").status()).isEqualTo(200);
        assertThat(anonymous.get("/actuator/prometheus").body()).contains("shopflow_outbox_backlog");
        for (String hidden : new String[] {"/actuator/env", "/actuator/metrics", "/actuator/beans",
                "/actuator/outbox", "/actuator/configprops", "/actuator/loggers", "/actuator/heapdump"}) {
            assertThat(anonymous.get(hidden).status()).as(hidden).isEqualTo(401);
            assertThat(api.get(hidden).status()).as(hidden + " with an admin token").isEqualTo(404);
        }
    }

    /** Sends "METHOD path": {@code POST /orders} with an order of ann, other POSTs without a body. */
    private static HttpApi.Answer send(HttpApi http, String endpoint) {
        String[] methodAndPath = endpoint.split(" ", 2);
        String path = methodAndPath[1];
        return switch (methodAndPath[0]) {
            case "GET" -> http.get(path);
            case "POST" -> path.equals("/orders") ? http.post(path, "application/json", orderJson("ann"), Map.of())
                    : http.post(path, null, "", Map.of());
            default -> throw new IllegalArgumentException(endpoint);
        };
    }
}
