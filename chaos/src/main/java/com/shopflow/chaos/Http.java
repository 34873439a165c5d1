package com.shopflow.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * A small HTTP client for localhost: never throws for a network failure, which is an outcome the chaos expects. Sends
 * the bearer token given to {@link #authorize} (the stack's admin token: the chaos acts as a trusted back office).
 */
public final class Http {

    private final HttpClient client;
    private final Duration timeout;
    private volatile String token;

    public Http(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Sends {@code bearerToken} as {@code Authorization: Bearer} with every later request; returns this client. */
    public Http authorize(String bearerToken) {
        this.token = bearerToken;
        return this;
    }

    /** One answer: {@code status} is -1 when no HTTP answer came (then {@code error} names the failure). */
    public record Response(int status, String contentType, String body, String error) {

        public boolean is2xx() {
            return status >= 200 && status < 300;
        }

        /** e.g. {@code 202}, {@code 4xx}, {@code 5xx} or {@code ConnectException}. */
        public String outcome() {
            if (status < 0) {
                return error;
            }
            return status == 202 || status == 200 ? String.valueOf(status) : (status / 100) + "xx";
        }
    }

    public Response get(String url) {
        return send("GET", url, null, null, Map.of());
    }

    public Response putJson(String url, String json) {
        return send("PUT", url, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    public Response postJson(String url, String json) {
        return send("POST", url, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of());
    }

    /** Any method, content type (or none) and body (or none), with extra headers. */
    public Response send(String method, String url, String contentType, byte[] body, Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), null);
        } catch (IOException e) {
            return new Response(-1, "", "", e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(-1, "", "", "Interrupted");
        }
    }
}
