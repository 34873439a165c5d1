package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A plain HTTP client for a service under test on {@code 127.0.0.1}, so tests send exactly the bytes they mean and see
 * exactly what the service answers (redirects are followed, e.g. to Swagger UI). Every request carries a bearer token:
 * an admin token ({@link TestTokens#admin()}) unless made with {@link #as(String)} or {@link #anonymous()}.
 */
public final class TestHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
    private final String base;
    private final String token;

    /** Sends an admin token, so a test about anything but authorization need not care. */
    public TestHttp(int port) {
        this("http://127.0.0.1:" + port, TestTokens.admin());
    }

    private TestHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /** The same service with {@code token} as bearer token ({@code null}: none). */
    public TestHttp as(String token) {
        return new TestHttp(base, token);
    }

    /** The same service as customer {@code customerId} ({@link TestTokens#customer}). */
    public TestHttp asCustomer(String customerId) {
        return as(TestTokens.customer(customerId));
    }

    /** The same service without any {@code Authorization} header. */
    public TestHttp anonymous() {
        return as(null);
    }

    /** A request to a path of the service (e.g. {@code /stock/SKU-1?x=1}), to finish with a method and headers. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    /** PUT with a JSON body ({@code Content-Type: application/json}). */
    public HttpResponse<String> put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** POST with a JSON body ({@code Content-Type: application/json}). */
    public HttpResponse<String> post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + request.build().uri(), e);
        }
    }

    /**
     * The service publishes its OpenAPI description at {@code /v3/api-docs} with (at least) these paths, Swagger UI at
     * {@code /swagger-ui.html}, and is healthy at {@code /actuator/health}.
     */
    public void assertPublishesApiDocsAndHealth(String... openApiPaths) {
        HttpResponse<String> apiDocs = get("/v3/api-docs");
        assertThat(apiDocs.statusCode()).as(apiDocs.body()).isEqualTo(200);
        assertThat(json(apiDocs).get("paths").propertyNames()).contains(openApiPaths);
        assertThat(get("/swagger-ui.html").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }

    /** The body parsed as JSON. */
    public static JsonNode json(HttpResponse<String> response) {
        return json(response.body());
    }

    public static JsonNode json(String body) {
        return JSON.readTree(body);
    }
}
