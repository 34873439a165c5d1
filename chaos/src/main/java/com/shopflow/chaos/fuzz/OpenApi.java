package com.shopflow.chaos.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The operations of one service's OpenAPI document ({@code /v3/api-docs}), with {@code $ref}s resolved. */
public record OpenApi(String service, String baseUrl, List<Operation> operations) {

    /** A path parameter, query parameter or header. */
    public record Parameter(String name, String in, boolean required, JsonNode schema) { }

    /** One method on one path; {@code body} is the resolved JSON schema of the request body, or null. */
    public record Operation(String service, String method, String path, List<Parameter> parameters, JsonNode body) {

        public boolean mutating() {
            return !method.equals("GET");
        }

        @Override
        public String toString() {
            return service + " " + method + " " + path;
        }
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    public static OpenApi parse(String service, String baseUrl, String document) {
        JsonNode root = JSON.readTree(document);
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : root.get("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                List<Parameter> parameters = new ArrayList<>();
                JsonNode params = op.getValue().get("parameters");
                if (params != null) {
                    for (JsonNode p : params) {
                        parameters.add(new Parameter(p.get("name").asString(), p.get("in").asString(),
                                p.has("required") && p.get("required").asBoolean(), resolve(root, p.get("schema"))));
                    }
                }
                JsonNode body = null;
                JsonNode requestBody = op.getValue().get("requestBody");
                if (requestBody != null && requestBody.has("content")) {
                    JsonNode json = requestBody.get("content").get("application/json");
                    if (json != null) {
                        body = resolve(root, json.get("schema"));
                    }
                }
                operations.add(new Operation(service, method, path.getKey(), List.copyOf(parameters), body));
            }
        }
        return new OpenApi(service, baseUrl, List.copyOf(operations));
    }

    /** The schema with every {@code $ref} (also nested in properties and items) replaced by its target. */
    static JsonNode resolve(JsonNode root, JsonNode schema) {
        if (schema == null) {
            return null;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asString();
            JsonNode target = root.get("components").get("schemas").get(ref.substring(ref.lastIndexOf('/') + 1));
            return resolve(root, target);
        }
        var copy = schema.deepCopy();
        if (copy.isObject()) {
            var object = (tools.jackson.databind.node.ObjectNode) copy;
            if (object.has("properties")) {
                var properties = (tools.jackson.databind.node.ObjectNode) object.get("properties");
                for (String name : List.copyOf(properties.propertyNames())) {
                    properties.set(name, resolve(root, properties.get(name)));
                }
            }
            if (object.has("items")) {
                object.set("items", resolve(root, object.get("items")));
            }
        }
        return copy;
    }
}
