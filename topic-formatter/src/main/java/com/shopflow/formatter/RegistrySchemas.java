package com.shopflow.formatter;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Schemas by id from a registry's Confluent-compatible API ({@code GET /schemas/ids/{id}}), cached for the life of the
 * formatter: an id always names the same schema. Failures are not cached, so a schema registered later is found.
 */
final class RegistrySchemas implements AutoCloseable {

    static final String CCOMPAT_PATH = "/apis/ccompat/v7";

    private final String baseUrl;
    private final HttpClient http;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<Integer, Schema> byId = new ConcurrentHashMap<>();

    RegistrySchemas(String registryUrl, Duration timeout) {
        this.baseUrl = compatibleApi(registryUrl);
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * Accepts the registry's root ({@code http://host:8080}), its Confluent-compatible API, or its native API
     * ({@code .../apis/registry/v3}, what the serde is configured with), and returns the Confluent-compatible API.
     */
    static String compatibleApi(String registryUrl) {
        String url = registryUrl.strip();
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        int apis = url.indexOf("/apis/");
        return (apis >= 0 ? url.substring(0, apis) : url) + CCOMPAT_PATH;
    }

    String baseUrl() {
        return baseUrl;
    }

    /** The schema registered under {@code id}; throws {@link LookupException} when there is none or it is not Avro. */
    Schema schema(int id) {
        Schema cached = byId.get(id);
        if (cached != null) {
            return cached;
        }
        Schema schema = fetch(id);
        byId.putIfAbsent(id, schema);
        return schema;
    }

    private Schema fetch(int id) {
        JsonNode body = get("/schemas/ids/" + Integer.toUnsignedString(id), "schema id " + Integer.toUnsignedString(id));
        String type = body.path("schemaType").asText("AVRO");
        if (!"AVRO".equalsIgnoreCase(type)) {
            throw new LookupException("schema id " + Integer.toUnsignedString(id) + " is " + type + ", not Avro");
        }
        Schema.Parser parser = new Schema.Parser();
        try {
            // A schema registered with references names types defined in other subjects: parse those first.
            parseReferences(body, parser, 0);
            return parser.parse(body.path("schema").asText());
        }
        catch (SchemaParseException ex) {
            throw new LookupException("schema id " + Integer.toUnsignedString(id) + " is not a valid Avro schema: "
                    + ex.getMessage(), ex);
        }
    }

    private void parseReferences(JsonNode body, Schema.Parser parser, int depth) {
        if (depth > 32) {
            throw new LookupException("schema references nest deeper than 32 levels");
        }
        for (JsonNode reference : body.path("references")) {
            String subject = reference.path("subject").asText();
            String version = reference.path("version").asText();
            String name = reference.path("name").asText();
            if (parser.getTypes().containsKey(name)) {
                continue;
            }
            JsonNode referenced = get("/subjects/" + URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20")
                    + "/versions/" + URLEncoder.encode(version, StandardCharsets.UTF_8), "reference " + subject + "/" + version);
            parseReferences(referenced, parser, depth + 1);
            parser.parse(referenced.path("schema").asText());
        }
    }

    private JsonNode get(String path, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new LookupException(what + ": registry " + baseUrl + " not reachable: " + ex, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new LookupException(what + ": interrupted", ex);
        }
        if (response.statusCode() == 404) {
            throw new LookupException(what + " is not known to the registry " + baseUrl);
        }
        if (response.statusCode() / 100 != 2) {
            throw new LookupException(what + ": registry answered HTTP " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        try {
            return json.readTree(response.body());
        }
        catch (IOException ex) {
            throw new LookupException(what + ": registry answered something that is not JSON: "
                    + abbreviate(response.body()), ex);
        }
    }

    @Override
    public void close() {
        http.close();
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    /** Why a schema id could not be turned into an Avro schema; its message is shown to the user as is. */
    static final class LookupException extends RuntimeException {

        LookupException(String message) {
            super(message);
        }

        LookupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
