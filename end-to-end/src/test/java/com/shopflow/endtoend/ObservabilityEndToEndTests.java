package com.shopflow.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import com.shopflow.stack.RunningStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * What users watch shopflow through, against the shared stack: every Grafana panel's query returns data from the
 * Prometheus that {@code ./stack up --with-monitoring} runs, and one order's trace id, answered as {@code X-Trace-Id},
 * reappears in the log lines of every service that handled the order's events (HTTP → outbox → Kafka → consumer).
 */
@ExtendWith(SharedStack.Extension.class)
class ObservabilityEndToEndTests {

    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final JsonHttp http = new JsonHttp();

    private static SharedStack shared;
    private static RunningStack stack;

    @BeforeAll
    static void useTheSharedStack(SharedStack sharedStack) {
        shared = sharedStack;
        stack = sharedStack.stack();
        http.useToken(stack.tokens().admin());
    }

    @Test
    void traceOfAnOrderCrossesTheOutboxIntoEveryConsumerAndBackIntoTheJoin() {
        // Declined for credit: payment declines, inventory reserves then releases, payment sees the cancellation.
        String run = UUID.randomUUID().toString().substring(0, 8);
        String customer = "trace-" + run;
        String sku = "TRACE-" + run;
        http.put(stack.serviceUrl("payment-service") + "/accounts/" + customer, Map.of("creditLimit", new BigDecimal("10.00")));
        http.put(stack.serviceUrl("inventory-service") + "/stock/" + sku, Map.of("available", 10));

        JsonHttp.Reply placed = place(customer, sku, 2);
        String orderId = placed.body().path("orderId").asString();
        String traceId = placed.traceId();
        assertThat(traceId).as("X-Trace-Id of POST /orders").isNotNull().matches(TRACE_ID);

        JsonNode order = awaitDecided(orderId, "OrderPlaced", "PaymentDeclined", "StockReserved", "OrderCancelled",
                "StockReleased");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_DECLINED");

        // Every service's lines while it handled this order's events carry the order's correlation id; all of them
        // ran in the request's trace. The first such line of each consumer of `orders` is its OrderPlaced handling
        // (the order's first event on its partition): the trace crossed HTTP → outbox → Kafka → consumer.
        String inTrace = "trace=" + traceId + " ";
        for (String service : List.of("payment-service", "inventory-service", "notification-service", "order-service")) {
            List<String> lines = await().atMost(Duration.ofSeconds(20))
                    .until(() -> linesOf(service, orderId), found -> !found.isEmpty());
            assertThat(lines.getFirst()).as("%s's first line handling order %s", service, orderId).contains(inTrace);
            assertThat(lines).as("%s's lines handling order %s, all in trace %s", service, orderId, traceId)
                    .allMatch(line -> line.contains(inTrace));
        }
        // A service's own line while it handles the cancellation: trace id and correlation id on it.
        await().atMost(Duration.ofSeconds(20)).until(() -> linesOf("payment-service", orderId),
                lines -> lines.stream().anyMatch(line -> line.contains(inTrace)
                        && line.contains("Order " + orderId + " cancelled; its payment is DECLINED")));

        // Each hop's outbox row stored the span it was appended in, and the relay sent it on as `traceparent`:
        // OrderPlaced (the HTTP request), the consumers' results, and OrderCancelled from order-service's join.
        // (Not `notifications`: NotificationSent is appended by notification-service's mail sender thread, after the
        // mail went out, with no trace context: OutboxNotificationEvents passes a null traceparent.)
        Map<String, List<String>> expected = Map.of("orders", List.of("OrderPlaced", "OrderCancelled"),
                "payments", List.of("PaymentDeclined"),
                "inventory", List.of("StockReserved", "StockReleased"));
        expected.forEach((topic, types) -> {
            List<JsonNode> records = TopicDump.read(stack.kafkaBootstrapServers(), stack.registryUrl(), topic, true)
                    .stream().map(TopicDump.Line::json)
                    .filter(json -> json.path("key").asString().equals(orderId)).toList();
            assertThat(records).extracting(json -> json.path("eventType").asString()).as("%s records of the order", topic)
                    .containsExactlyInAnyOrderElementsOf(types);
            assertThat(records).allSatisfy(json -> assertThat(json.path("headers").path("traceparent").asString())
                    .as("traceparent of %s", json.path("eventType").asString())
                    .matches("00-" + traceId + "-[0-9a-f]{16}-01"));
        });
    }

    @Test
    void everyDashboardPanelShowsData() throws IOException, InterruptedException {
        assumeTrue(shared.monitoring(), "Prometheus is not installed (/usr/bin/prometheus; apt-get install prometheus "
                + "or deploy/check.sh --install): the live check of the Grafana dashboards' queries is skipped");
        String prometheus = stack.prometheusUrl();
        // Micrometer binds Kafka's per-partition consumer metrics (records-lag) on its 60-s refresh after the
        // consumer first fetched, so the consumer lag panel has data only a minute or two after start-up. Waited
        // for before the orders, so the 1-minute rates below still see them.
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(
                http.get(prometheus + "/api/v1/query?query=count+by+(application)+(kafka_consumer_fetch_manager_records_lag)")
                        .path("data").path("result").size()).as("services exporting consumer lag").isEqualTo(4));

        // A few orders of each outcome, so rates, the saga histogram and the cancellation reasons have data.
        String run = UUID.randomUUID().toString().substring(0, 8);
        http.put(stack.serviceUrl("payment-service") + "/accounts/dash-poor-" + run,
                Map.of("creditLimit", new BigDecimal("10.00")));
        http.put(stack.serviceUrl("inventory-service") + "/stock/DASH-" + run, Map.of("available", 100));
        http.put(stack.serviceUrl("inventory-service") + "/stock/DASH-RARE-" + run, Map.of("available", 1));
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            orders.add(place("dash-rich-" + run, "DASH-" + run, 1).body().path("orderId").asString());
        }
        orders.add(place("dash-poor-" + run, "DASH-" + run, 2).body().path("orderId").asString());
        orders.add(place("dash-rich-" + run, "DASH-RARE-" + run, 5).body().path("orderId").asString());
        for (String orderId : orders) {
            awaitDecided(orderId);
        }

        Instant decided = Instant.now();
        // Two scrapes of every service after the last decision (the scrape interval is 5 s), so rates see it.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<JsonNode> targets = shopflowTargets(prometheus);
            assertThat(targets).as("scrape targets of job shopflow").hasSize(4)
                    .allSatisfy(target -> {
                        assertThat(target.path("health").asString()).as(target.toString()).isEqualTo("up");
                        assertThat(OffsetDateTime.parse(target.path("lastScrape").asString()).toInstant())
                                .as(target.toString()).isAfter(decided.plusSeconds(5));
                    });
        });

        Instant began = Instant.now();
        Process check = new ProcessBuilder("bash", SharedStack.repoRoot().resolve("deploy/check.sh").toString(),
                "--live-only", prometheus).redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor(2, TimeUnit.MINUTES)).as("deploy/check.sh finished").isTrue();
        System.out.println("deploy/check.sh --live-only " + prometheus + " (" + Duration.between(began, Instant.now())
                .toMillis() + " ms):\n" + output);

        assertThat(check.exitValue()).as("deploy/check.sh --live-only:%n%s", output).isZero();
        long queries = dashboardQueries();
        long withData = output.lines().filter(line -> line.matches("\\s+ok\\s+.* \\[[A-Z]]: \\d+ series.*")).count();
        assertThat(queries).as("panel queries in deploy/grafana/dashboards").isGreaterThan(30);
        assertThat(withData).as("panel queries with at least one series:%n%s", output).isEqualTo(queries);
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static JsonHttp.Reply place(String customer, String sku, int quantity) {
        JsonHttp.Reply reply = http.post(stack.serviceUrl("order-service") + "/orders", Map.of(
                "customerId", customer,
                "customerEmail", customer + "@example.com",
                "currency", "EUR",
                "lines", List.of(Map.of("sku", sku, "quantity", quantity, "unitPrice", new BigDecimal("12.50")))));
        assertThat(reply.status()).as("POST /orders: %s", reply.body()).isEqualTo(202);
        return reply;
    }

    /** Waits until the order is decided and its timeline holds at least these event types. */
    private static JsonNode awaitDecided(String orderId, String... types) {
        String url = stack.serviceUrl("order-service") + "/orders/" + orderId;
        return await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> http.get(url),
                order -> !order.path("status").asString().equals("PENDING")
                        && StreamSupport.stream(order.path("timeline").spliterator(), false)
                                .map(entry -> entry.path("type").asString()).toList().containsAll(List.of(types)));
    }

    /** The lines a component logged while it handled one of the order's events (its correlation id is the order id). */
    private static List<String> linesOf(String component, String orderId) {
        return shared.logLines(component).stream().filter(line -> line.contains("corr=" + orderId + "]")).toList();
    }

    private static List<JsonNode> shopflowTargets(String prometheus) {
        JsonNode targets = http.get(prometheus + "/api/v1/targets?state=active").path("data").path("activeTargets");
        return StreamSupport.stream(targets.spliterator(), false)
                .filter(target -> target.path("labels").path("job").asString().equals("shopflow")).toList();
    }

    /** How many queries the dashboards hold ({@code deploy/check.sh --list} prints one per line). */
    private static long dashboardQueries() throws IOException, InterruptedException {
        Process list = new ProcessBuilder("bash", SharedStack.repoRoot().resolve("deploy/check.sh").toString(), "--list")
                .redirectErrorStream(true).start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).count();
    }
}
