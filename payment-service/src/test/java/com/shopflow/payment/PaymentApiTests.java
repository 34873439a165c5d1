package com.shopflow.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The REST API over real HTTP: answers, problem+json for client mistakes, OpenAPI, actuator. */
@PaymentServiceTest
class PaymentApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;
    private final Payments payments;

    PaymentApiTests(@LocalServerPort int port, @Autowired Payments payments) {
        this.base = "http://127.0.0.1:" + port;
        this.payments = payments;
    }

    @Test
    void newCustomerHasTheDefaultCreditLimit() throws Exception {
        String customer = TestOrder.newCustomer();

        HttpResponse<String> response = get("/accounts/" + customer);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode account = JSON.readTree(response.body());
        assertThat(account.get("customerId").asString()).isEqualTo(customer);
        assertThat(account.get("creditLimit").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(account.get("available").decimalValue()).isEqualByComparingTo("1000.00");
        assertThat(account.get("currency").asString()).isEqualTo("EUR");
    }

    @Test
    void newLimitMovesAvailableCreditByTheDifference() throws Exception {
        String customer = TestOrder.newCustomer();
        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), customer, new Money(200_00, "EUR")));

        HttpResponse<String> response = put("/accounts/" + customer, "{\"creditLimit\": 500.00}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode account = JSON.readTree(response.body());
        assertThat(account.get("creditLimit").decimalValue()).isEqualByComparingTo("500.00");
        assertThat(account.get("available").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(JSON.readTree(get("/accounts/" + customer).body()).get("available").decimalValue())
                .isEqualByComparingTo("300.00");
    }

    @Test
    void limitBelowTheCreditInUseIsAConflict() throws Exception {
        String customer = TestOrder.newCustomer();
        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), customer, new Money(200_00, "EUR")));

        HttpResponse<String> response = put("/accounts/" + customer, "{\"creditLimit\": 100}");

        assertProblem(response, 409);
        assertThat(JSON.readTree(get("/accounts/" + customer).body()).get("available").decimalValue())
                .isEqualByComparingTo("800.00");
    }

    @Test
    void badCreditLimitsAreProblemsNamingTheField() throws Exception {
        String customer = TestOrder.newCustomer();

        assertBadField(put("/accounts/" + customer, "{\"creditLimit\": -1}"), "creditLimit");
        assertBadField(put("/accounts/" + customer, "{\"creditLimit\": \"lots\"}"), "creditLimit");
        assertBadField(put("/accounts/" + customer, "{\"creditLimit\": 10.001}"), "creditLimit");
        assertBadField(put("/accounts/" + customer, "{\"creditLimit\": \"5.00\"}"), "creditLimit");
        assertBadField(put("/accounts/" + customer, "{\"creditLimit\": 1e30}"), "creditLimit");
        assertBadField(put("/accounts/" + customer, "{}"), "creditLimit");
        assertBadField(put("/accounts/" + customer, "{\"creditLimit\": "), "body");
        assertBadField(put("/accounts/" + customer, "[1, 2]"), "body");
        assertBadField(put("/accounts/" + "x".repeat(101), "{\"creditLimit\": 5}"), "customerId");
        // Nothing was stored by the rejected requests: the customer still sees the default.
        assertThat(JSON.readTree(get("/accounts/" + customer).body()).get("creditLimit").decimalValue())
                .isEqualByComparingTo("1000.00");
    }

    @Test
    void paymentsAreFoundByOrderId() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String customer = TestOrder.newCustomer();
        Payment payment = payments.authorize(new AuthorizePayment(orderId, customer, new Money(12_50, "EUR")));

        HttpResponse<String> response = get("/payments?orderId=" + orderId);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode found = JSON.readTree(response.body());
        assertThat(found).hasSize(1);
        assertThat(found.get(0).get("paymentId").asString()).isEqualTo(payment.id().toString());
        assertThat(found.get(0).get("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(found.get(0).get("amount").decimalValue()).isEqualByComparingTo("12.50");
        assertThat(JSON.readTree(get("/payments?orderId=" + UUID.randomUUID()).body())).isEmpty();
        assertBadField(get("/payments"), "orderId");
    }

    @Test
    void unknownPathsAndMethodsAreProblems() throws Exception {
        assertProblem(get("/nothing-here"), 404);
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "/accounts/c1")).DELETE()), 405);
        assertProblem(send(HttpRequest.newBuilder(URI.create(base + "/accounts/c1"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("5"))), 415);
    }

    @Test
    void publishesOpenApiSwaggerUiAndMetrics() throws Exception {
        HttpResponse<String> apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(apiDocs.body()).get("paths").propertyNames())
                .contains("/accounts/{customerId}", "/payments");
        assertThat(get("/swagger-ui.html").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

        payments.authorize(new AuthorizePayment(UUID.randomUUID().toString(), TestOrder.newCustomer(),
                new Money(1_00, "EUR")));
        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body())
                .contains("shopflow_payments_total{")
                .contains("outcome=\"authorized\"")
                .contains("shopflow_payments_credit_used_minor_units{");
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
