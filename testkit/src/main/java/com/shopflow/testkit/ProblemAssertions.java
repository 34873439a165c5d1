package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;

/**
 * Assertions on the services' RFC 9457 answers: status, {@code application/problem+json}, the status repeated in the
 * body, and which input the problem names ({@code field}: the first offending input; {@code errors[].field}: all).
 */
public final class ProblemAssertions {

    private ProblemAssertions() {
    }

    /** A problem+json answer with this status; returns its body. */
    public static JsonNode assertProblem(HttpResponse<String> response, int status) {
        return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), status);
    }

    /** The same for an answer read by other means (status, Content-Type header, body). */
    public static JsonNode assertProblem(int actualStatus, String contentType, String body, int status) {
        assertThat(actualStatus).as(body).isEqualTo(status);
        assertThat(contentType).as(body).startsWith("application/problem+json");
        JsonNode problem = TestHttp.json(body);
        assertThat(problem.path("status").asInt()).as(body).isEqualTo(status);
        return problem;
    }

    /** A 400 problem listing this input among its {@code errors}; returns its body. */
    public static JsonNode assertBadField(HttpResponse<String> response, String field) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("errors").findValuesAsString("field")).as(response.body()).contains(field);
        return problem;
    }

    /** A problem whose {@code field} is exactly this input (the first or only one wrong); returns its body. */
    public static JsonNode assertProblemNaming(HttpResponse<String> response, int status, String field) {
        return assertProblemNaming(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), status, field);
    }

    /** The same for an answer read by other means (status, Content-Type header, body). */
    public static JsonNode assertProblemNaming(int actualStatus, String contentType, String body, int status,
            String field) {
        JsonNode problem = assertProblem(actualStatus, contentType, body, status);
        assertThat(problem.path("field").asString()).as(body).isEqualTo(field);
        return problem;
    }
}
