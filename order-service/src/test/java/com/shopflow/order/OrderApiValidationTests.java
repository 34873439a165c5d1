package com.shopflow.order;

import static com.shopflow.testkit.ProblemAssertions.assertProblemNaming;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every client mistake is a problem+json 4xx naming the field, and stores nothing. */
class OrderApiValidationTests extends OrderServiceIntegration {

    private static final String VALID = """
            {"customerId":"c-valid","customerEmail":"ann@example.com","currency":"EUR",
             "lines":[{"sku":"SKU-1","quantity":2,"unitPrice":12.50}]}""";

    static Stream<Arguments> badOrders() {
        return Stream.of(
                Arguments.of("missing lines", VALID.replaceAll(",\\s*\"lines\":\\[.*]", ""), 400, "lines"),
                Arguments.of("empty lines", VALID.replaceAll("\"lines\":\\[.*]", "\"lines\":[]"), 400, "lines"),
                Arguments.of("null line", VALID.replaceAll("\"lines\":\\[.*]", "\"lines\":[null]"), 400, "lines[0]"),
                Arguments.of("zero quantity", VALID.replace("\"quantity\":2", "\"quantity\":0"), 400,
                        "lines[0].quantity"),
                Arguments.of("negative quantity", VALID.replace("\"quantity\":2", "\"quantity\":-1"), 400,
                        "lines[0].quantity"),
                Arguments.of("fractional quantity", VALID.replace("\"quantity\":2", "\"quantity\":1.5"), 400,
                        "lines[0].quantity"),
                Arguments.of("quantity not a number", VALID.replace("\"quantity\":2", "\"quantity\":\"two\""), 400,
                        "lines[0].quantity"),
                Arguments.of("negative price", VALID.replace("12.50", "-1.00"), 400, "lines[0].unitPrice"),
                Arguments.of("malformed price", VALID.replace("12.50", "\"12,50 EUR\""), 400, "lines[0].unitPrice"),
                Arguments.of("too many fraction digits", VALID.replace("12.50", "12.505"), 400, "lines[0].unitPrice"),
                Arguments.of("fraction of a yen", VALID.replace("\"EUR\"", "\"JPY\"").replace("12.50", "12.5"), 400,
                        "lines[0].unitPrice"),
                Arguments.of("unknown currency", VALID.replace("\"EUR\"", "\"XYZ\""), 400, "currency"),
                Arguments.of("lower-case currency", VALID.replace("\"EUR\"", "\"eur\""), 400, "currency"),
                Arguments.of("currency without minor units", VALID.replace("\"EUR\"", "\"XXX\""), 400, "currency"),
                Arguments.of("bad e-mail", VALID.replace("ann@example.com", "ann-at-example"), 400, "customerEmail"),
                Arguments.of("missing customer", VALID.replace("\"customerId\":\"c-valid\",", ""), 400, "customerId"),
                Arguments.of("missing sku", VALID.replace("\"sku\":\"SKU-1\",", ""), 400, "lines[0].sku"),
                Arguments.of("malformed JSON", "{\"customerId\": \"c-valid\", ", 400, "body"),
                Arguments.of("empty body", "", 400, "body"),
                Arguments.of("oversized body", VALID.replace("SKU-1", "X".repeat(70 * 1024)), 413, "body"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("badOrders")
    void refusesBadOrderNamingTheFieldAndStoresNothing(String name, String body, int status, String field) {
        Map<String, Long> before = storedRows();

        HttpApi.Answer answer = api.postOrder(body);

        assertProblem(answer, status, field);
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void refusesWrongContentTypeWith415() {
        Map<String, Long> before = storedRows();
        HttpApi.Answer answer = api.post("/orders", "text/plain", VALID, Map.of());
        assertProblem(answer, 415, "Content-Type");
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void refusesOversizedChunkedBodyWith413() {
        Map<String, Long> before = storedRows();
        byte[] body = VALID.replace("SKU-1", "X".repeat(100 * 1024)).getBytes(StandardCharsets.UTF_8);
        HttpApi.Answer answer = api.postChunked("/orders", body);
        assertProblem(answer, 413, "body");
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void refusesOverlongIdempotencyKey() {
        Map<String, Long> before = storedRows();
        HttpApi.Answer answer = api.postOrder(VALID, "k".repeat(300));
        assertProblem(answer, 400, "Idempotency-Key");
        assertThat(storedRows()).isEqualTo(before);
    }

    @Test
    void answers404ForUnknownOrder() {
        assertProblem(api.get("/orders/" + UUID.randomUUID()), 404, "id");
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("/orders/not-a-uuid", "id"),
                Arguments.of("/orders?page=-1", "page"),
                Arguments.of("/orders?page=abc", "page"),
                Arguments.of("/orders?size=0", "size"),
                Arguments.of("/orders?size=101", "size"),
                Arguments.of("/orders?status=SHIPPED", "status"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badQueries")
    void refusesBadPathAndQueryParametersWith400(String path, String field) {
        assertProblem(api.get(path), 400, field);
    }

    private static void assertProblem(HttpApi.Answer answer, int status, String field) {
        assertProblemNaming(answer.status(), answer.contentType(), answer.body(), status, field);
    }

    /** Row counts of everything a POST could write: the order tables, the idempotency keys and the outbox. */
    private Map<String, Long> storedRows() {
        return Map.of(
                "orders", count("select count(*) from orders"),
                "order_lines", count("select count(*) from order_lines"),
                "idempotency_keys", count("select count(*) from idempotency_keys"),
                "outbox appends", count("select coalesce(sum(last_sequence), 0) from outbox_sequence where topic = 'orders'"));
    }

    private long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

}
