package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.stream.Stream;
import com.shopflow.testkit.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/** The REST API over real HTTP: the mail log, problems, tokens, admin-only paths, actuator, OpenAPI. */
@NotificationServiceTest
class NotificationApiTests {

    @LocalServerPort
    private int port;

    @Test
    void pageSizeAboveTheCapIsAProblemNamingSize() {
        Answer answer = get("/notifications?size=101");

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"size\"", "\"status\":400", "between 1 and 100");
        assertThat(get("/notifications?size=0").body()).contains("\"field\":\"size\"");
        assertThat(get("/notifications?size=100").status().value()).isEqualTo(200);
    }

    @Test
    void negativePageIsAProblemNamingPage() {
        Answer answer = get("/notifications?page=-1", TestTokens.customer("ann"));

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"page\"");
    }

    @Test
    void malformedNotificationIdIsAProblemNamingTheField() {
        Answer answer = get("/notifications/not-a-uuid");

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"id\"", "not-a-uuid");
    }

    @Test
    void unknownNotificationIsAProblemNamingTheId() {
        UUID id = UUID.randomUUID();
        Answer answer = get("/notifications/" + id);

        assertThat(answer.status().value()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"id\"", id.toString());
    }

    @Test
    void malformedOrderIdIsAProblemNamingTheField() {
        Answer answer = get("/notifications?orderId=not-a-uuid");

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"orderId\"", "not-a-uuid");
    }

    @Test
    void unknownOrderHasAnEmptyLog() {
        Answer answer = get("/notifications?orderId=" + UUID.randomUUID());

        assertThat(answer.status().value()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("[]");
    }

    @Test
    void exposesMailMetricsForPrometheus() {
        Answer answer = get("/actuator/prometheus");

        assertThat(answer.status().value()).isEqualTo(200);
        assertThat(answer.body()).contains("shopflow_mails_sent_total{", "shopflow_mails_failed_total{",
                "shopflow_mails_pending ", "shopflow_mails_oldest_pending_age_seconds ");
    }

    static Stream<Arguments> refusedTokensOnEveryEndpoint() {
        return TestTokens.refusedOn("/notifications", "/notifications?orderId=" + UUID.randomUUID(),
                "/notifications/" + UUID.randomUUID(), "/dead-letters/orders", "/admin/outbox");
    }

    @ParameterizedTest(name = "{0}: GET {2}")
    @MethodSource("refusedTokensOnEveryEndpoint")
    void refusesRequestsWithoutAValidToken(String name, String token, String path) {
        Answer answer = get(path, token);

        assertThat(answer.status().value()).as(answer.body()).isEqualTo(401);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void deadLettersAndOutboxAreForAdminsOnly() {
        String customer = TestTokens.customer("ann");
        for (String path : new String[] {"/dead-letters/orders", "/admin/outbox"}) {
            Answer answer = get(path, customer);

            assertThat(answer.status().value()).as(path).isEqualTo(403);
            assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(get(path).status().value()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theMailLogIsOpenToCustomerTokens() {
        // Which mails a customer sees is NotificationAccessTests' subject; here only that the path is not admin-only.
        String customer = TestTokens.customer("ann-" + UUID.randomUUID());
        for (String path : new String[] {"/notifications", "/notifications?orderId=" + UUID.randomUUID()}) {
            Answer answer = get(path, customer);

            assertThat(answer.status().value()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).isEqualTo("[]");
        }
    }

    @Test
    void actuatorShowsOnlyHealthInfoAndPrometheus() {
        assertThat(get("/actuator/health", null).status().value()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", null).status().value()).isEqualTo(200);
        for (String hidden : new String[] {"/actuator/env", "/actuator/metrics", "/actuator/outbox"}) {
            assertThat(get(hidden, null).status().value()).as(hidden).isEqualTo(401);
            assertThat(get(hidden).status().value()).as(hidden + " with an admin token").isEqualTo(404);
        }
    }

    @Test
    void publishesItsOpenApiDescription() {
        Answer answer = get("/v3/api-docs");

        assertThat(answer.status().value()).isEqualTo(200);
        assertThat(answer.body()).contains("/notifications", "/notifications/{id}", "orderId", "customerId");
    }

    private Answer get(String path) {
        return get(path, TestTokens.admin());
    }

    private Answer get(String path, String token) {
        RestClient.RequestHeadersSpec<?> request = RestClient.create("http://127.0.0.1:" + port).get().uri(path);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.exchange((req, response) ->
                new Answer(response.getStatusCode(), response.getHeaders().getContentType(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private record Answer(HttpStatusCode status, MediaType contentType, String body) {
    }
}
