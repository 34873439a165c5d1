package com.shopflow.chaos.fuzz;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

import com.shopflow.chaos.Databases;
import com.shopflow.chaos.Http;
import com.shopflow.stack.RunningStack;
import com.shopflow.stack.ServiceSpec;

/**
 * Property-based robustness test of every REST endpoint, generated from the services' OpenAPI documents. Properties:
 * no request is answered with a 5xx; every request built to be invalid is answered 4xx; and while only such requests
 * are sent, no table of any service changes. A seeded generator makes every run reproducible.
 */
public final class RestFuzzer {

    private static final List<String> WEIRD = List.of("", " ", "null", "-1", "0", "2147483648", "9223372036854775808",
            "1e309", "NaN", "not-a-uuid", "ÿ€𝄞漢字", "../../etc/passwd", "' OR '1'='1", "<script>x</script>", "%",
            "\t\n", "a".repeat(5000), "😀".repeat(60), "true", "[]", "{}");
    private static final List<String> MALFORMED = List.of("", "{", "}", "[", "{\"a\":", "null", "[]", "\"text\"",
            "12", "tru", "{'single': 1}", "{\"x\":1}{", "{\"a\":1,}", "[".repeat(5000) + "]".repeat(5000),
            "{\"a\":\"\\uZZZZ\"}", "\u0000\u0001\u0002");
    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream");
    private static final String RAW = "__raw_";

    private final List<OpenApi> documents = new ArrayList<>();
    private final Databases databases;
    private final long seed;
    private final Http http = new Http(Duration.ofSeconds(20));
    private final List<String> notProblemExamples = new ArrayList<>();

    public RestFuzzer(RunningStack stack, Databases databases, long seed) {
        // A valid admin token: the fuzz is about inputs reaching every endpoint, not about being turned away
        http.authorize(stack.tokens().admin());
        this.databases = databases;
        this.seed = seed;
        for (ServiceSpec service : ServiceSpec.ALL) {
            String base = stack.serviceUrl(service.name());
            Http.Response doc = http.get(base + "/v3/api-docs");
            if (doc.status() != 200) {
                throw new IllegalStateException(service.name() + " has no OpenAPI document: " + doc.status());
            }
            documents.add(OpenApi.parse(service.name(), base, doc.body()));
        }
    }

    public List<OpenApi> documents() {
        return List.copyOf(documents);
    }

    /**
     * Sends {@code rejectedOnly} invalid requests and reads (state compared before and after), then
     * {@code boundary} boundary requests that may be accepted (only "no 5xx" holds for them).
     */
    public FuzzResult run(int rejectedOnly, int boundary, Consumer<String> out) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, Integer> requests = new LinkedHashMap<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        Map<String, Integer> categories = new ConcurrentHashMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> accepted = new ArrayList<>();
        Map<String, Integer> notProblem = new ConcurrentHashMap<>();
        List<String> notFuzzed = new ArrayList<>();

        List<OpenApi.Operation> operations = new ArrayList<>();
        documents.forEach(d -> operations.addAll(d.operations()));
        List<OpenApi.Operation> breakable = operations.stream().filter(op -> !op.mutating() || canBreak(op)).toList();
        operations.stream().filter(op -> !breakable.contains(op)).forEach(op -> notFuzzed.add(op
                + " has no input that makes it invalid; only other methods on its path are sent"));

        Map<String, String> before = TableChecksums.of(databases);
        List<FuzzRequest> invalid = new ArrayList<>();
        for (int i = 0; i < rejectedOnly; i++) {
            invalid.add(invalidRequest(breakable.get(random.nextInt(breakable.size())), operations, random));
        }
        out.accept("  fuzz: " + invalid.size() + " requests built to be rejected (and reads) over " + operations.size()
                + " operations");
        send(invalid, statuses, categories, serverErrors, accepted, notProblem);
        requests.put("rejected-only", invalid.size());
        ChaosPause.settle();
        Map<String, String> after = TableChecksums.of(databases);
        List<String> changed = TableChecksums.changed(before, after);

        List<FuzzRequest> edges = new ArrayList<>();
        List<OpenApi.Operation> withBody = operations.stream().filter(op -> op.body() != null).toList();
        for (int i = 0; i < boundary && !withBody.isEmpty(); i++) {
            edges.add(boundaryRequest(withBody.get(random.nextInt(withBody.size())), random));
        }
        out.accept("  fuzz: " + edges.size() + " boundary requests (may be accepted)");
        send(edges, statuses, categories, serverErrors, accepted, notProblem);
        requests.put("boundary", edges.size());
        return new FuzzResult(requests, new TreeMap<>(statuses), new TreeMap<>(categories), serverErrors, accepted,
                changed, new TreeMap<>(notProblem), List.copyOf(notProblemExamples), notFuzzed, seed);
    }

    private void send(List<FuzzRequest> batch, Map<Integer, Integer> statuses, Map<String, Integer> categories,
            List<String> serverErrors, List<String> accepted, Map<String, Integer> notProblem) {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Http.Response>> answers = new ArrayList<>();
            for (FuzzRequest request : batch) {
                answers.add(pool.submit(() -> http.send(request.method(), request.url(), request.contentType(),
                        request.body(), request.headers())));
            }
            for (int i = 0; i < batch.size(); i++) {
                FuzzRequest request = batch.get(i);
                Http.Response response = answers.get(i).get();
                statuses.merge(response.status(), 1, Integer::sum);
                categories.merge(request.category(), 1, Integer::sum);
                String example = request.describe() + " -> " + response.status() + " " + excerpt(response);
                if (response.status() >= 500 || response.status() < 0) {
                    synchronized (serverErrors) {
                        serverErrors.add(example);
                    }
                } else if (request.mustBeRejected() && response.is2xx()) {
                    synchronized (accepted) {
                        accepted.add(example);
                    }
                } else if (response.status() >= 400 && !response.contentType().startsWith("application/problem+json")) {
                    notProblem.merge(request.operation() + " " + response.status(), 1, Integer::sum);
                    synchronized (notProblemExamples) {
                        if (notProblemExamples.size() < 10) {
                            notProblemExamples.add(request.method() + " " + request.url().replaceFirst(
                                    "http://127.0.0.1:\\d+", "") + " -> " + response.status() + " ["
                                    + response.contentType() + "]");
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("Fuzzing failed: " + e, e);
        }
    }

    private static String excerpt(Http.Response response) {
        String body = response.error() != null ? response.error() : response.body();
        return body.length() > 300 ? body.substring(0, 300) + "..." : body;
    }

    // --- generators ----------------------------------------------------------------------------------------------

    /** Mutating operations need an input that can be made invalid: a body, or a typed path/query parameter. */
    private static boolean canBreak(OpenApi.Operation op) {
        return op.body() != null || op.parameters().stream().anyMatch(p -> typed(p.schema()));
    }

    private static boolean typed(JsonNode schema) {
        return schema != null && (schema.path("type").asString("").equals("integer")
                || schema.path("format").asString("").equals("uuid") || schema.has("enum"));
    }

    private FuzzRequest invalidRequest(OpenApi.Operation op, List<OpenApi.Operation> all, SplittableRandom random) {
        if (random.nextInt(10) == 0) {
            return wrongMethod(all.get(random.nextInt(all.size())), random);
        }
        if (!op.mutating()) {
            return read(op, random);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (op.body() == null) {
            // Only typed parameters can be broken: a non-number or an overflowing number, a bad UUID.
            return new FuzzRequest(op, "BAD_PARAMETER", op.method(), url(op, random, true), null, null, headers, true);
        }
        String url = url(op, random, false);
        Object example = example(op.body(), random);
        int choice = random.nextInt(13);
        return switch (choice) {
            case 0 -> new FuzzRequest(op, "MALFORMED_JSON", op.method(), url, "application/json",
                    bytes(MALFORMED.get(random.nextInt(MALFORMED.size()))), headers, true);
            case 1 -> new FuzzRequest(op, "WRONG_CONTENT_TYPE", op.method(), url,
                    CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size())), bytes(json(example)), headers, true);
            case 2 -> new FuzzRequest(op, "NO_BODY", op.method(), url, random.nextBoolean() ? "application/json" : null,
                    null, headers, true);
            case 3 -> new FuzzRequest(op, "OVERSIZED", op.method(), url, "application/json",
                    bytes("{\"" + firstProperty(op.body()) + "\":\"" + "x".repeat(1 << 20) + "\"}"), headers, true);
            case 4 -> new FuzzRequest(op, "RANDOM_BYTES", op.method(), url, "application/json", randomBytes(random),
                    headers, true);
            default -> mutateField(op, url, example, random, headers);
        };
    }

    /** One field (at any depth) broken in a way the document says is invalid. */
    private FuzzRequest mutateField(OpenApi.Operation op, String url, Object example, SplittableRandom random,
            Map<String, String> headers) {
        List<Field> fields = new ArrayList<>();
        collect(op.body(), example, fields);
        for (int attempt = 0; attempt < 20; attempt++) {
            Field field = fields.get(random.nextInt(fields.size()));
            List<String[]> options = invalidValues(field);
            if (options.isEmpty()) {
                continue;
            }
            String[] option = options.get(random.nextInt(options.size()));
            Object original = field.get();
            if (option[1] == null) {
                field.remove();
            } else {
                field.set(RAW + option[1]);
            }
            String body = json(example);
            field.restore(original);
            return new FuzzRequest(op, option[0], op.method(), url, "application/json", bytes(body), headers, true);
        }
        return new FuzzRequest(op, "MALFORMED_JSON", op.method(), url, "application/json", bytes("{"), headers, true);
    }

    /** {category, raw JSON value or null to remove the field} choices that are invalid for this field. */
    private static List<String[]> invalidValues(Field field) {
        List<String[]> options = new ArrayList<>();
        JsonNode schema = field.schema();
        String type = schema.path("type").asString("");
        if (field.required()) {
            options.add(new String[] {"MISSING_REQUIRED", null});
            options.add(new String[] {"NULL_REQUIRED", "null"});
        }
        switch (type) {
            case "integer", "number" -> {
                options.add(new String[] {"WRONG_TYPE", "\"abc\""});
                options.add(new String[] {"WRONG_TYPE", "{}"});
                options.add(new String[] {"WRONG_TYPE", "[1]"});
                if (schema.has("minimum")) {
                    options.add(new String[] {"BELOW_MINIMUM", new BigDecimal(schema.get("minimum").asString())
                            .subtract(type.equals("integer") ? BigDecimal.ONE : new BigDecimal("0.01")).toPlainString()});
                    options.add(new String[] {"BELOW_MINIMUM", "-1000000"});
                }
                if (schema.has("exclusiveMinimum")) {
                    options.add(new String[] {"BELOW_MINIMUM", schema.get("exclusiveMinimum").asString()});
                }
                if (schema.has("maximum")) {
                    options.add(new String[] {"ABOVE_MAXIMUM", new BigDecimal(schema.get("maximum").asString())
                            .add(BigDecimal.ONE).toPlainString()});
                }
                if (type.equals("integer")) {
                    options.add(new String[] {"OVERFLOW", "2147483648"});
                    options.add(new String[] {"OVERFLOW", "99999999999999999999999999"});
                    options.add(new String[] {"FRACTION_FOR_INTEGER", "1.5"});
                } else {
                    // Money: more fraction digits than EUR has (docs/decisions.md: a 400).
                    options.add(new String[] {"TOO_MANY_FRACTION_DIGITS", "1.001"});
                }
            }
            case "string" -> {
                options.add(new String[] {"WRONG_TYPE", "{}"});
                options.add(new String[] {"WRONG_TYPE", "[]"});
                if (schema.has("maxLength")) {
                    int max = schema.get("maxLength").asInt();
                    options.add(new String[] {"TOO_LONG", "\"" + "y".repeat(max + 1) + "\""});
                }
                if (schema.path("format").asString("").equals("email")) {
                    options.add(new String[] {"BAD_EMAIL", "\"no-at-sign\""});
                }
                if (schema.path("minLength").asInt(0) >= 1) {
                    options.add(new String[] {"EMPTY", "\"\""});
                }
                if (field.name().toLowerCase().contains("currency")) {
                    options.add(new String[] {"BAD_CURRENCY", "\"ZZZ\""});
                    options.add(new String[] {"BAD_CURRENCY", "\"eur\""});
                }
            }
            case "array" -> {
                options.add(new String[] {"WRONG_TYPE", "\"x\""});
                options.add(new String[] {"WRONG_TYPE", "{}"});
                if (schema.has("maxItems")) {
                    int max = schema.get("maxItems").asInt();
                    String item = field.get() instanceof List<?> list && !list.isEmpty() ? json(list.getFirst()) : "{}";
                    options.add(new String[] {"TOO_MANY_ITEMS", "[" + String.join(",",
                            java.util.Collections.nCopies(max + 1, item)) + "]"});
                }
                if (field.name().equals("lines")) {
                    options.add(new String[] {"EMPTY", "[]"}); // README: missing or empty lines is a 400
                    options.add(new String[] {"NULL_ITEM", "[null]"});
                }
            }
            case "object" -> {
                options.add(new String[] {"WRONG_TYPE", "\"x\""});
                options.add(new String[] {"WRONG_TYPE", "[]"});
            }
            default -> { }
        }
        return options;
    }

    /** A request with another method than documented on a documented path: 405, never 5xx, no state change. */
    private FuzzRequest wrongMethod(OpenApi.Operation op, SplittableRandom random) {
        List<String> documented = documents.stream().flatMap(d -> d.operations().stream())
                .filter(o -> o.service().equals(op.service()) && o.path().equals(op.path())).map(o -> o.method()).toList();
        List<String> others = new ArrayList<>(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        others.removeAll(documented);
        if (others.isEmpty()) {
            // every method is documented on this path: there is no wrong one to send
            return read(op, random);
        }
        String method = others.get(random.nextInt(others.size()));
        return new FuzzRequest(op, "WRONG_METHOD", method, url(op, random, false), "application/json",
                bytes("{}"), Map.of(), true);
    }

    /** A read with random, often absurd, parameters: never 5xx (and reads change nothing). */
    private FuzzRequest read(OpenApi.Operation op, SplittableRandom random) {
        StringBuilder url = new StringBuilder(baseUrl(op));
        String path = op.path();
        StringBuilder query = new StringBuilder();
        for (OpenApi.Parameter p : op.parameters()) {
            String value = random.nextInt(3) == 0 ? plausible(p.schema(), random) : WEIRD.get(random.nextInt(WEIRD.size()));
            if (p.in().equals("path")) {
                path = path.replace("{" + p.name() + "}", value.isEmpty() ? "x" : encode(value));
            } else if (p.in().equals("query") && (p.required() ? random.nextInt(8) > 0 : random.nextBoolean())) {
                query.append(query.isEmpty() ? "?" : "&").append(p.name()).append('=').append(encode(value));
            }
        }
        if (random.nextInt(5) == 0) {
            query.append(query.isEmpty() ? "?" : "&").append("unknown=").append(encode(WEIRD.get(random.nextInt(WEIRD.size()))));
        }
        return new FuzzRequest(op, "READ", "GET", url.append(path).append(query).toString(), null, null, Map.of(), false);
    }

    private FuzzRequest boundaryRequest(OpenApi.Operation op, SplittableRandom random) {
        Object example = example(op.body(), random);
        List<Field> fields = new ArrayList<>();
        collect(op.body(), example, fields);
        Field field = fields.get(random.nextInt(fields.size()));
        String type = field.schema().path("type").asString("");
        List<String> values = switch (type) {
            case "integer" -> List.of("0", "1", "2147483647", field.schema().path("maximum").asString("1000000"));
            case "number" -> List.of("0", "0.01", "1000000000000", "999999999999.99", "92233720368547758.07", "1e30",
                    "0.00", field.schema().path("maximum").asString("1"));
            case "string" -> List.of("\"\"", "\"fuzz-" + "é".repeat(random.nextInt(1, 95)) + "\"",
                    "\"fuzz-𝄞漢字 \\u202e rtl\"", "\"fuzz-" + "z".repeat(field.schema().path("maxLength").asInt(100) - 5) + "\"",
                    "\"   \"");
            case "array" -> List.of("[" + String.join(",", java.util.Collections.nCopies(
                    field.schema().path("maxItems").asInt(50), json(itemOf(field, random)))) + "]", "[]");
            default -> List.of("null");
        };
        field.set(RAW + values.get(random.nextInt(values.size())));
        Map<String, String> headers = new LinkedHashMap<>();
        if (op.parameters().stream().anyMatch(p -> p.in().equals("header")) && random.nextBoolean()) {
            headers.put(op.parameters().stream().filter(p -> p.in().equals("header")).findFirst().orElseThrow().name(),
                    "k".repeat(random.nextInt(1, 256)));
        }
        return new FuzzRequest(op, "BOUNDARY", op.method(), url(op, random, false), "application/json",
                bytes(json(example)), headers, false);
    }

    private Object itemOf(Field field, SplittableRandom random) {
        return example(field.schema().get("items"), random);
    }

    // --- URLs and examples -----------------------------------------------------------------------------------------

    private String baseUrl(OpenApi.Operation op) {
        return documents.stream().filter(d -> d.service().equals(op.service())).findFirst().orElseThrow().baseUrl();
    }

    /**
     * The operation's URL with path parameters filled in: free-text ones get a fresh {@code fuzz-} value (never an
     * id the chaos traffic uses); with {@code breakTyped}, one typed parameter gets a value its type rejects.
     */
    private String url(OpenApi.Operation op, SplittableRandom random, boolean breakTyped) {
        String path = op.path();
        List<OpenApi.Parameter> typed = op.parameters().stream()
                .filter(p -> p.in().equals("path") && typed(p.schema())).toList();
        OpenApi.Parameter broken = breakTyped && !typed.isEmpty() ? typed.get(random.nextInt(typed.size())) : null;
        for (OpenApi.Parameter p : op.parameters()) {
            if (!p.in().equals("path")) {
                continue;
            }
            String value = p == broken ? List.of("x1", "99999999999999999999999", "1.5", "not-a-uuid", "%20")
                    .get(random.nextInt(5)) : plausible(p.schema(), random);
            path = path.replace("{" + p.name() + "}", value.equals("%20") ? value : encode(value));
        }
        return baseUrl(op) + path;
    }

    private static String plausible(JsonNode schema, SplittableRandom random) {
        if (schema == null) {
            return "fuzz";
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size())).asString();
        }
        String type = schema.path("type").asString("");
        if (type.equals("integer")) {
            return String.valueOf(random.nextInt(0, 5));
        }
        if (schema.path("format").asString("").equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        return "fuzz-" + Long.toString(random.nextLong(1L << 40), 36);
    }

    /** A valid-looking value for the schema (objects as maps, arrays as lists), with fuzz- ids and EUR. */
    private static Object example(JsonNode schema, SplittableRandom random) {
        return example(schema, "", random);
    }

    private static Object example(JsonNode schema, String name, SplittableRandom random) {
        if (schema == null) {
            return null;
        }
        String type = schema.path("type").asString("object");
        switch (type) {
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (schema.has("properties")) {
                    for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
                        object.put(p.getKey(), example(p.getValue(), p.getKey(), random));
                    }
                }
                return object;
            }
            case "array" -> {
                List<Object> list = new ArrayList<>();
                list.add(example(schema.get("items"), name, random));
                return list;
            }
            case "integer" -> {
                return Math.max(1, schema.path("minimum").asInt(1));
            }
            case "number" -> {
                return new BigDecimal("12.50");
            }
            case "boolean" -> {
                return Boolean.TRUE;
            }
            default -> {
                String lower = name.toLowerCase();
                if (lower.contains("currency")) {
                    return "EUR";
                }
                if (schema.path("format").asString("").equals("email") || lower.contains("email")) {
                    return "fuzz@example.com";
                }
                if (schema.path("format").asString("").equals("uuid")) {
                    return UUID.randomUUID().toString();
                }
                if (lower.contains("sku")) {
                    return "FUZZ-" + Long.toString(random.nextLong(1L << 30), 36);
                }
                return "fuzz-" + Long.toString(random.nextLong(1L << 30), 36);
            }
        }
    }

    private static String firstProperty(JsonNode schema) {
        return schema.has("properties") ? schema.get("properties").propertyNames().iterator().next() : "x";
    }

    /** JSON of an example where string values starting with the raw marker are written as raw JSON. */
    static String json(Object value) {
        String text = OpenApi.JSON.writeValueAsString(value);
        // Raw values were stored as "__raw_<json>" strings: unquote them (their JSON escaping undone).
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int start = text.indexOf("\"" + RAW, at);
            if (start < 0) {
                out.append(text, at, text.length());
                return out.toString();
            }
            int end = start + RAW.length() + 1;
            StringBuilder raw = new StringBuilder();
            while (text.charAt(end) != '"') {
                if (text.charAt(end) == '\\') {
                    char next = text.charAt(end + 1);
                    if (next == 'u') {
                        raw.append((char) Integer.parseInt(text.substring(end + 2, end + 6), 16));
                        end += 6;
                        continue;
                    }
                    raw.append(switch (next) {
                        case 'n' -> '\n';
                        case 't' -> '\t';
                        case 'r' -> '\r';
                        case 'b' -> '\b';
                        case 'f' -> '\f';
                        default -> next;
                    });
                    end += 2;
                    continue;
                }
                raw.append(text.charAt(end));
                end++;
            }
            out.append(text, at, start).append(raw);
            at = end + 1;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(1, 2048)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- fields of an example --------------------------------------------------------------------------------------

    /** A value inside an example body, with its schema and where it sits (to change it and put it back). */
    private record Field(String name, JsonNode schema, boolean required, Map<String, Object> parent) {

        Object get() {
            return parent.get(name);
        }

        void set(Object value) {
            parent.put(name, value);
        }

        void remove() {
            parent.remove(name);
        }

        void restore(Object original) {
            // Keep the property order stable for a readable report; re-insert at the end if it was removed.
            parent.put(name, original);
        }
    }

    @SuppressWarnings("unchecked")
    private static void collect(JsonNode schema, Object example, List<Field> fields) {
        if (!(example instanceof Map<?, ?> map) || schema == null || !schema.has("properties")) {
            return;
        }
        Map<String, Object> object = (Map<String, Object>) map;
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(r -> required.add(r.asString()));
        for (Map.Entry<String, JsonNode> p : schema.get("properties").properties()) {
            fields.add(new Field(p.getKey(), p.getValue(), required.contains(p.getKey()), object));
            Object value = object.get(p.getKey());
            if (value instanceof Map<?, ?>) {
                collect(p.getValue(), value, fields);
            } else if (value instanceof List<?> list && !list.isEmpty() && p.getValue().has("items")) {
                collect(p.getValue().get("items"), list.getFirst(), fields);
            }
        }
    }

    /** A short pause so asynchronous effects of the last requests (if any) reach the tables before they are read. */
    private static final class ChaosPause {
        static void settle() {
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
