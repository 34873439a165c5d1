package com.shopflow.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

@NotificationServiceTest
class NotificationApiTests {

    @LocalServerPort
    private int port;

    @Test
    void missingOrderIdIsAProblemNamingTheField() {
        Answer answer = get("/notifications");

        assertThat(answer.status().value()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body()).contains("\"field\":\"orderId\"", "\"status\":400");
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

    @Test
    void publishesItsOpenApiDescription() {
        Answer answer = get("/v3/api-docs");

        assertThat(answer.status().value()).isEqualTo(200);
        assertThat(answer.body()).contains("/notifications", "orderId");
    }

    private Answer get(String path) {
        return RestClient.create("http://127.0.0.1:" + port).get().uri(path).exchange((request, response) ->
                new Answer(response.getStatusCode(), response.getHeaders().getContentType(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private record Answer(HttpStatusCode status, MediaType contentType, String body) {
    }
}
