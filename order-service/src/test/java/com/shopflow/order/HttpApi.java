package com.shopflow.order;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import com.shopflow.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the service under test, so tests can send exactly the bytes and headers they mean. */
final class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String token;

    /** With an admin token, which may do everything. */
    HttpApi(int port) {
        this("http://127.0.0.1:" + port, TestTokens.admin());
    }

    private HttpApi(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same API with {@code token} as bearer token ({@code null}: none). */
    HttpApi as(String token) {
        return new HttpApi(base, token);
    }

    /** The same API as customer {@code customerId}. */
    HttpApi asCustomer(String customerId) {
        return as(TestTokens.customer(customerId));
    }

    /** An HTTP answer with its body parsed as JSON when it is JSON. */
    record Answer(int status, String contentType, String location, String body, JsonNode json,
                  java.net.http.HttpHeaders headers) {

        String field() {
            return json.path("field").asString();
        }
    }

    Answer postOrder(String body) {
        return post("/orders", "application/json", body, Map.of());
    }

    Answer postOrder(String body, String idempotencyKey) {
        return post("/orders", "application/json", body, Map.of("Idempotency-Key", idempotencyKey));
    }

    Answer post(String path, String contentType, String body, Map<String, String> headers) {
        HttpRequest.Builder request = builder(path)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        headers.forEach(request::header);
        return send(request.build());
    }

    /** Posts a body of unknown length (chunked transfer encoding). */
    Answer postChunked(String path, byte[] body) {
        HttpRequest request = builder(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body)))
                .build();
        return send(request);
    }

    Answer get(String path) {
        return send(builder(path).GET().build());
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode json = contentType.contains("json") && !body.isEmpty() ? JSON.readTree(body) : JSON.missingNode();
            return new Answer(response.statusCode(), contentType, response.headers().firstValue("Location").orElse(null),
                    body, json, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
