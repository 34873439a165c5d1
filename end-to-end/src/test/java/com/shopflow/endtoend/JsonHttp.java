package com.shopflow.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tiny JSON-over-HTTP client for the services' REST APIs, as a user's curl would talk to them, with the bearer
 * token given to {@link #useToken} (the stack's admin token in these tests).
 */
final class JsonHttp {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String token;

    /** Sends {@code bearerToken} with every later request. */
    void useToken(String bearerToken) {
        this.token = bearerToken;
    }

    /** A response's status, parsed body ({@code null} when empty), {@code Location} and {@code X-Trace-Id} headers. */
    record Reply(int status, JsonNode body, String location, String traceId) {
    }

    JsonNode get(String url) {
        Reply reply = getReply(url);
        if (reply.status() != 200) {
            throw new AssertionError("GET " + url + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    Reply getReply(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    Reply post(String url, Object body) {
        return send(HttpRequest.newBuilder(URI.create(url)).POST(json(body)).header("Content-Type", "application/json"));
    }

    JsonNode put(String url, Object body) {
        Reply reply = send(HttpRequest.newBuilder(URI.create(url)).PUT(json(body)).header("Content-Type", "application/json"));
        if (reply.status() != 200) {
            throw new AssertionError("PUT " + url + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    private Reply send(HttpRequest.Builder request) {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(15))
                    .header("Accept", "application/json, application/problem+json").build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Location").orElse(null),
                    response.headers().firstValue("X-Trace-Id").orElse(null));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
