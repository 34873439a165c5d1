package com.shopflow.payment;

import static com.shopflow.testkit.ProblemAssertions.assertProblem;
import static com.shopflow.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import java.util.stream.Stream;

import com.shopflow.testkit.TestHttp;
import com.shopflow.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who may do what: valid tokens only, own accounts and payments only, credit limits and dead letters for admins. */
@PaymentServiceTest
class PaymentSecurityTests {

    private final TestHttp http;
    private final Payments payments;

    PaymentSecurityTests(@LocalServerPort int port, @Autowired Payments payments) {
        this.http = new TestHttp(port);
        this.payments = payments;
    }

    static Stream<Arguments> refusedTokensOnEveryEndpoint() {
        return TestTokens.refusedOn("GET /accounts/ann", "PUT /accounts/ann", "GET /payments?orderId=o1",
                "GET /dead-letters/orders", "GET /admin/outbox");
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("refusedTokensOnEveryEndpoint")
    void refusesRequestsWithoutAValidToken(String name, String token, String endpoint) {
        assertProblem(send(http.as(token), endpoint), 401);
    }

    @Test
    void aCustomerReadsOnlyItsOwnAccount() {
        String ann = TestOrder.newCustomer();

        assertThat(json(http.asCustomer(ann).get("/accounts/" + ann)).path("customerId").asString()).isEqualTo(ann);
        HttpResponse<String> other = http.asCustomer(TestOrder.newCustomer()).get("/accounts/" + ann);
        assertProblem(other, 404);
        assertThat(other.body()).doesNotContain("creditLimit", "available");
    }

    @Test
    void aCustomerSeesOnlyItsOwnPayments() {
        String ann = TestOrder.newCustomer();
        String orderId = UUID.randomUUID().toString();
        payments.authorize(new AuthorizePayment(orderId, ann, new Money(12_50, "EUR")));

        assertThat(json(http.asCustomer(ann).get("/payments?orderId=" + orderId))).hasSize(1);
        assertThat(json(http.asCustomer(TestOrder.newCustomer()).get("/payments?orderId=" + orderId)))
                .as("like an order never seen").isEmpty();
    }

    @Test
    void onlyAnAdminSetsCreditLimitsAndSeesDeadLetters() {
        String ann = TestOrder.newCustomer();

        assertProblem(http.asCustomer(ann).put("/accounts/" + ann, "{\"creditLimit\": 1000000}"), 403);
        assertProblem(http.asCustomer(ann).get("/dead-letters/orders"), 403);
        assertProblem(http.asCustomer(ann).get("/admin/outbox"), 403);
        assertThat(json(http.asCustomer(ann).get("/accounts/" + ann)).path("creditLimit").decimalValue())
                .isEqualByComparingTo("1000.00");
        assertThat(http.put("/accounts/" + ann, "{\"creditLimit\": 5}").statusCode()).isEqualTo(200);
        assertThat(http.get("/dead-letters/orders").statusCode()).isEqualTo(200);
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
        return parts[0].equals("PUT") ? http.put(parts[1], "{\"creditLimit\": 5}")
                : http.send(http.request(parts[1]).method(parts[0], HttpRequest.BodyPublishers.noBody()));
    }
}
