package com.shopflow.payment;

import static com.shopflow.testkit.ProblemAssertions.assertBadField;
import static com.shopflow.testkit.ProblemAssertions.assertProblem;
import static com.shopflow.testkit.TestHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.shopflow.testkit.TestHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST API over real HTTP: answers, problem+json for client mistakes, OpenAPI, actuator. */
@PaymentServiceTest
class PaymentApiTests {

    private final TestHttp http;
    private final Payments payments;

    PaymentApiTests(@LocalServerPort int port, @Autowired Payments payments) {
        this.http = new TestHttp(port);
        this.payments = payments;
    }

    @Test
    void newCustomerHasTheDefaultCreditLimit() {
        String customer = TestOrder.newCustomer();

        HttpResponse<String> response = http.get("/accounts/" + customer);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode account = json(response.body());
        assertThat(account.get("customerId").asString()).isEqualTo(customer);
        assertThat(account.get("creditLimit").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(account.get("available").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(account.get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void newLimitMovesAvailableCreditByTheDifference() {
        String customer = TestOrder.newCustomer();
        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), customer, new Money(200_00, "EUR")));

        HttpResponse<String> response = http.put("/accounts/" + customer, "{\"creditLimit\": 500.00}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode account = json(response.body());
        assertThat(account.get("creditLimit").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(account.get("available").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(json(http.get("/accounts/" + customer).body()).get("available").decimalValue())
                .isEqualByComparingTo("300.00");
    }

    @Test
    void limitBelowTheCreditInUseIsAConflict() {
        String customer = TestOrder.newCustomer();
        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), customer, new Money(200_00, "EUR")));

        HttpResponse<String> response = http.put("/accounts/" + customer, "{\"creditLimit\": 100}");

        assertProblem(response, 409);
        assertThat(json(http.get("/accounts/" + customer).body()).get("available").decimalValue())
                .isEqualByComparingTo("800.00");
    }

    @Test
    void badCreditLimitsAreProblemsNamingTheField() {
        String customer = TestOrder.newCustomer();

        assertBadField(http.put("/accounts/" + customer, "{\"creditLimit\": -1}"), "creditLimit");
        assertBadField(http.put("/accounts/" + customer, "{\"creditLimit\": \"lots\"}"), "creditLimit");
        assertBadField(http.put("/accounts/" + customer, "{\"creditLimit\": 10.001}"), "creditLimit");
        assertBadField(http.put("/accounts/" + customer, "{\"creditLimit\": \"5.00\"}"), "creditLimit");
        assertBadField(http.put("/accounts/" + customer, "{\"creditLimit\": 1e30}"), "creditLimit");
        assertBadField(http.put("/accounts/" + customer, "{}"), "creditLimit");
        assertBadField(http.put("/accounts/" + customer, "{\"creditLimit\": "), "body");
        assertBadField(http.put("/accounts/" + customer, "[1, 2]"), "body");
        assertBadField(http.put("/accounts/" + "x".repeat(101), "{\"creditLimit\": 5}"), "customerId");
        // Nothing was stored by the rejected requests: the customer still sees the default.
        assertThat(json(http.get("/accounts/" + customer).body()).get("creditLimit").decimalValue())
                .isEqualByComparingTo("1000.00");
    }

    @Test
    void paymentsAreFoundByOrderId() {
        String orderId = UUID.randomUUID().toString();
        String customer = TestOrder.newCustomer();
        Payment payment = payments.authorize(new AuthorizePayment(orderId, customer, new Money(12_50, "EUR")));

        HttpResponse<String> response = http.get("/payments?orderId=" + orderId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode found = json(response.body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("paymentId").asString()).isEqualTo(payment.id().toString());
        assertThat(found.get(0).get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(found.get(0).get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(json(http.get("/payments?orderId=" + UUID.randomUUID()).body())).isEmpty();
        assertBadField(http.get("/payments"), "orderId");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() {
        assertProblem(http.get("/nothing-here"), 404);
        assertProblem(http.send(http.request("/accounts/c1").DELETE()), 405);
        assertProblem(http.send(http.request("/accounts/c1")
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("5"))), 415);
    }

    @Test
    void publishesOpenApiSwaggerUiAndMetrics() {
        http.assertPublishesApiDocsAndHealth("/accounts/{customerId}", "/payments");

        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), TestOrder.newCustomer(),
                new Money(1_00, "EUR")));
        HttpResponse<String> prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("shopflow_payments_total{")
                .contains("outcome=\"authorized\"")
                .contains("shopflow_payments_credit_used_minor_units{");
    }
}
