package com.shopflow.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import com.shopflow.stack.RunningStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * The whole of shopflow as separate processes, started by the same code as {@code ./stack up -d} (a temporary run
 * folder, free ports): three orders over HTTP, one that confirms, one declined for credit, one out of stock, and
 * what every service and topic shows for them afterwards.
 */
@ExtendWith(SharedStack.Extension.class)
class ShopflowEndToEndTests {

    private static final Duration SAGA_TIMEOUT = Duration.ofSeconds(60);
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    /** One customer, e-mail address, SKU and order per scenario, so their figures cannot mix. */
    private record Scenario(String customer, String email, String sku, int stock, int quantity, String unitPrice) {

        BigDecimal total() {
            return new BigDecimal(unitPrice).multiply(BigDecimal.valueOf(quantity));
        }
    }

    private static final Scenario CONFIRMED = new Scenario("e2e-ann-" + RUN, "ann-" + RUN + "@example.com",
            "E2E-BOOK-" + RUN, 10, 2, "12.50");
    private static final Scenario NO_CREDIT = new Scenario("e2e-bob-" + RUN, "bob-" + RUN + "@example.com",
            "E2E-LAMP-" + RUN, 10, 2, "12.50");
    private static final Scenario NO_STOCK = new Scenario("e2e-cy-" + RUN, "cy-" + RUN + "@example.com",
            "E2E-RARE-" + RUN, 1, 3, "12.50");
    private static final BigDecimal LOW_CREDIT_LIMIT = new BigDecimal("10.00");

    private static SharedStack shared;
    private static RunningStack stack;
    private static final JsonHttp http = new JsonHttp();
    private static final Map<Scenario, String> orderIds = new HashMap<>();
    private static final List<String> stackTopicLines = Collections.synchronizedList(new ArrayList<>());
    private static Process stackTopic;

    @BeforeAll
    static void placeOrders(SharedStack sharedStack) throws IOException {
        shared = sharedStack;
        stack = sharedStack.stack();
        http.useToken(stack.tokens().admin());

        http.put(payment("/accounts/" + NO_CREDIT.customer()), Map.of("creditLimit", LOW_CREDIT_LIMIT));
        for (Scenario scenario : List.of(CONFIRMED, NO_CREDIT, NO_STOCK)) {
            http.put(inventory("/stock/" + scenario.sku()), Map.of("available", scenario.stock()));
        }
        for (Scenario scenario : List.of(CONFIRMED, NO_CREDIT, NO_STOCK)) {
            orderIds.put(scenario, place(scenario));
        }
        startStackTopic();
    }

    @AfterAll
    static void stopStackTopic() {
        // The stack itself is shared with the other end-to-end classes; SharedStack stops it after the last one.
        stopStackTopicProcess();
    }

    @Test
    void confirmsOrderWhenCreditAndStockSuffice() {
        JsonNode order = awaitTimeline(CONFIRMED, "OrderPlaced", "StockReserved", "PaymentAuthorized", "OrderConfirmed");

        assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.path("reason").isNull()).as("reason of %s", order).isTrue();
        assertThat(order.path("total").decimalValue()).isEqualByComparingTo(CONFIRMED.total());
        assertThat(timeline(order).getFirst()).isEqualTo("OrderPlaced");
        assertThat(timeline(order).getLast()).isEqualTo("OrderConfirmed");

        // the units are sold, the credit stays used
        awaitStock(CONFIRMED, CONFIRMED.stock() - CONFIRMED.quantity(), 0, CONFIRMED.quantity());
        JsonNode account = http.get(payment("/accounts/" + CONFIRMED.customer()));
        assertThat(account.path("available").decimalValue())
                .isEqualByComparingTo(account.path("creditLimit").decimalValue().subtract(CONFIRMED.total()));
        assertThat(payments(CONFIRMED)).containsExactly("AUTHORIZED");
    }

    @Test
    void cancelsOrderWhenCreditIsDeclinedAndReleasesTheStock() {
        JsonNode order = awaitTimeline(NO_CREDIT, "OrderPlaced", "PaymentDeclined", "StockReserved", "OrderCancelled",
                "StockReleased");

        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(timeline(order).getFirst()).isEqualTo("OrderPlaced");
        assertThat(timeline(order).indexOf("OrderCancelled")).isGreaterThan(timeline(order).indexOf("PaymentDeclined"));

        // the reservation went back; the credit was never taken
        awaitStock(NO_CREDIT, NO_CREDIT.stock(), 0, 0);
        JsonNode account = http.get(payment("/accounts/" + NO_CREDIT.customer()));
        assertThat(account.path("creditLimit").decimalValue()).isEqualByComparingTo(LOW_CREDIT_LIMIT);
        assertThat(account.path("available").decimalValue()).isEqualByComparingTo(LOW_CREDIT_LIMIT);
        assertThat(payments(NO_CREDIT)).containsExactly("DECLINED");
    }

    @Test
    void cancelsOrderWhenOutOfStockAndRefundsThePayment() {
        JsonNode order = awaitTimeline(NO_STOCK, "OrderPlaced", "StockRejected", "PaymentAuthorized", "OrderCancelled",
                "PaymentRefunded");

        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("reason").asString()).isEqualTo("OUT_OF_STOCK");
        assertThat(timeline(order).getFirst()).isEqualTo("OrderPlaced");
        assertThat(timeline(order).indexOf("OrderCancelled")).isGreaterThan(timeline(order).indexOf("StockRejected"));

        // the stock was never touched; the authorized amount came back
        awaitStock(NO_STOCK, NO_STOCK.stock(), 0, 0);
        await().atMost(SAGA_TIMEOUT).untilAsserted(() -> assertThat(payments(NO_STOCK)).containsExactly("REFUNDED"));
        JsonNode account = http.get(payment("/accounts/" + NO_STOCK.customer()));
        assertThat(account.path("available").decimalValue())
                .isEqualByComparingTo(account.path("creditLimit").decimalValue());
    }

    @Test
    void mailsEachCustomerOncePerOrderEvent() {
        Map<Scenario, String> decision = Map.of(CONFIRMED, "ORDER_CONFIRMED", NO_CREDIT, "ORDER_CANCELLED",
                NO_STOCK, "ORDER_CANCELLED");
        Map<Scenario, List<String>> loggedIds = new HashMap<>();
        for (Scenario scenario : List.of(CONFIRMED, NO_CREDIT, NO_STOCK)) {
            List<JsonNode> sent = awaitMailsSent(scenario);
            assertThat(sent).extracting(n -> n.path("kind").asString())
                    .containsExactly("ORDER_RECEIVED", decision.get(scenario));
            assertThat(sent).extracting(n -> n.path("recipient").asString()).containsOnly(scenario.email());
            loggedIds.put(scenario, sent.stream().map(n -> bare(n.path("messageId").asString())).toList());
        }

        // what the SMTP server received: two mails per customer, and still two a second later
        await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1)).until(() -> loggedIds.keySet().stream()
                .allMatch(scenario -> mailbox(scenario.email()).size() == 2));
        loggedIds.forEach((scenario, ids) -> assertThat(mailbox(scenario.email()))
                // GreenMail 2.1.5 names the field "Message-ID" (its OpenAPI document says messageId)
                .extracting(m -> bare(m.path("Message-ID").asString()))
                .as("Message-IDs of the mails to %s", scenario.email())
                .containsExactlyInAnyOrderElementsOf(ids));
    }

    @Test
    void everyTopicIsReadableThroughTheFormatter() {
        awaitTimeline(CONFIRMED, "OrderPlaced", "StockReserved", "PaymentAuthorized", "OrderConfirmed");
        awaitTimeline(NO_CREDIT, "OrderPlaced", "PaymentDeclined", "StockReserved", "OrderCancelled", "StockReleased");
        awaitTimeline(NO_STOCK, "OrderPlaced", "StockRejected", "PaymentAuthorized", "OrderCancelled", "PaymentRefunded");
        orderIds.keySet().forEach(ShopflowEndToEndTests::awaitMailsSent);

        Map<String, Map<Scenario, List<String>>> expected = Map.of(
                "orders", Map.of(CONFIRMED, List.of("OrderPlaced", "OrderConfirmed"),
                        NO_CREDIT, List.of("OrderPlaced", "OrderCancelled"),
                        NO_STOCK, List.of("OrderPlaced", "OrderCancelled")),
                "payments", Map.of(CONFIRMED, List.of("PaymentAuthorized"),
                        NO_CREDIT, List.of("PaymentDeclined"),
                        NO_STOCK, List.of("PaymentAuthorized", "PaymentRefunded")),
                "inventory", Map.of(CONFIRMED, List.of("StockReserved"),
                        NO_CREDIT, List.of("StockReserved", "StockReleased"),
                        NO_STOCK, List.of("StockRejected")),
                "notifications", Map.of(CONFIRMED, List.of("NotificationSent", "NotificationSent"),
                        NO_CREDIT, List.of("NotificationSent", "NotificationSent"),
                        NO_STOCK, List.of("NotificationSent", "NotificationSent")));
        expected.forEach((topic, byScenario) -> {
            List<TopicDump.Line> lines = TopicDump.read(stack.kafkaBootstrapServers(), stack.registryUrl(), topic);
            for (TopicDump.Line line : lines) {
                JsonNode json = line.json();
                assertThat(json.has("error")).as("%s: %s", topic, line.text()).isFalse();
                assertThat(json.path("topic").asString()).isEqualTo(topic);
                assertThat(json.path("eventType").asString()).as(line.text()).isNotBlank();
                assertThat(json.path("value").path("orderId").asString()).as(line.text())
                        .isEqualTo(json.path("key").asString());
                assertThat(json.path("value").path("metadata").path("correlationId").asString()).as(line.text())
                        .isEqualTo(json.path("key").asString());
            }
            byScenario.forEach((scenario, types) -> assertThat(lines.stream()
                    .filter(line -> line.json().path("key").asString().equals(orderIds.get(scenario)))
                    .map(line -> line.json().path("eventType").asString()))
                    .as("%s records of the %s order", topic, scenario.customer())
                    .containsExactlyInAnyOrderElementsOf(types));
        });
    }

    @Test
    void stackTopicPrintsTheOrdersTopicAsJsonLines() {
        String confirmed = orderIds.get(CONFIRMED);
        try {
            await().atMost(SAGA_TIMEOUT).until(() -> List.copyOf(stackTopicLines).stream()
                    .anyMatch(line -> line.contains("\"OrderConfirmed\"") && line.contains(confirmed)));
        } finally {
            stopStackTopicProcess();
        }
        List<JsonNode> records = List.copyOf(stackTopicLines).stream().filter(line -> line.startsWith("{"))
                .map(line -> JsonHttp.JSON.readTree(line)).toList();
        assertThat(records).extracting(json -> json.path("eventType").asString())
                .contains("OrderPlaced", "OrderConfirmed")
                .allMatch(type -> List.of("OrderPlaced", "OrderConfirmed", "OrderCancelled").contains(type));
        assertThat(records).allSatisfy(json -> {
            assertThat(json.has("error")).as(json.toString()).isFalse();
            assertThat(json.path("topic").asString()).isEqualTo("orders");
            assertThat(json.path("value").path("orderId").asString()).isEqualTo(json.path("key").asString());
        });
    }

    /**
     * {@code ./stack topic orders}, as a user runs it beside this stack (the run folder names the ports). Started
     * right after the orders are placed, so its two JVM start-ups overlap with the saga; it follows the topic.
     */
    private static void startStackTopic() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(SharedStack.repoRoot().resolve("stack").toString(), "topic",
                "orders", "--run-dir=" + shared.runDir()).redirectErrorStream(true);
        builder.environment().put("SHOPFLOW_SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        stackTopic = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(stackTopicLines::add);
            } catch (IOException | UncheckedIOException stopped) {
                // the stream closes when the process is stopped
            }
        });
    }

    /** Stops {@code ./stack topic} (the launcher JVM and the console consumer it runs) and waits until both are gone. */
    private static void stopStackTopicProcess() {
        Process process = stackTopic;
        if (process == null) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        process.destroy();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !process.isAlive() && children.stream().noneMatch(ProcessHandle::isAlive));
        stackTopic = null;
    }

    // --- helpers -------------------------------------------------------------------------------------------------

    private static String place(Scenario scenario) {
        JsonHttp.Reply reply = http.post(order("/orders"), Map.of(
                "customerId", scenario.customer(),
                "customerEmail", scenario.email(),
                "currency", "EUR",
                "lines", List.of(Map.of("sku", scenario.sku(), "quantity", scenario.quantity(),
                        "unitPrice", new BigDecimal(scenario.unitPrice())))));
        assertThat(reply.status()).as("POST /orders: %s", reply.body()).isEqualTo(202);
        assertThat(reply.body().path("status").asString()).isEqualTo("PENDING");
        String orderId = reply.body().path("orderId").asString();
        assertThat(reply.location()).endsWith("/orders/" + orderId);
        return orderId;
    }

    /** Waits until the order's timeline holds exactly these event types (in any order), then returns the order. */
    private static JsonNode awaitTimeline(Scenario scenario, String... types) {
        String url = order("/orders/" + orderIds.get(scenario));
        JsonNode order = await().atMost(SAGA_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> http.get(url), o -> timeline(o).size() >= types.length
                        && !o.path("status").asString().equals("PENDING"));
        assertThat(timeline(order)).as("timeline of %s", order).containsExactlyInAnyOrder(types);
        return order;
    }

    private static List<String> timeline(JsonNode order) {
        return StreamSupport.stream(order.path("timeline").spliterator(), false)
                .map(entry -> entry.path("type").asString()).toList();
    }

    private static void awaitStock(Scenario scenario, int available, int reserved, int sold) {
        await().atMost(SAGA_TIMEOUT).untilAsserted(() -> {
            JsonNode stock = http.get(inventory("/stock/" + scenario.sku()));
            assertThat(List.of(stock.path("available").asInt(), stock.path("reserved").asInt(), stock.path("sold").asInt()))
                    .as("available, reserved, sold of %s", scenario.sku())
                    .containsExactly(available, reserved, sold);
        });
    }

    private static List<String> payments(Scenario scenario) {
        JsonNode payments = http.get(payment("/payments?orderId=" + orderIds.get(scenario)));
        return StreamSupport.stream(payments.spliterator(), false).map(p -> p.path("status").asString()).toList();
    }

    /** The order's two notifications (received, then the decision) once both are sent. */
    private static List<JsonNode> awaitMailsSent(Scenario scenario) {
        String orderId = orderIds.get(scenario);
        return await().atMost(SAGA_TIMEOUT).until(() -> notifications(orderId), list -> list.size() >= 2
                && list.stream().allMatch(n -> n.path("status").asString().equals("SENT")));
    }

    private static List<JsonNode> notifications(String orderId) {
        JsonNode list = http.get(stack.serviceUrl("notification-service") + "/notifications?orderId=" + orderId);
        return StreamSupport.stream(list.spliterator(), false).toList();
    }

    /** The mails GreenMail holds for an address (its REST API); none while it has not seen the address. */
    private static List<JsonNode> mailbox(String email) {
        JsonHttp.Reply reply = http.getReply(stack.mailApiUrl() + "/api/user/" + email + "/messages/");
        // GreenMail creates a user with its first mail; before that it answers 400 "user not found"
        return reply.status() == 200 ? StreamSupport.stream(reply.body().spliterator(), false).toList() : List.of();
    }

    private static String bare(String messageId) {
        return messageId.replace("<", "").replace(">", "").strip();
    }

    private static String order(String path) {
        return stack.serviceUrl("order-service") + path;
    }

    private static String payment(String path) {
        return stack.serviceUrl("payment-service") + path;
    }

    private static String inventory(String path) {
        return stack.serviceUrl("inventory-service") + path;
    }
}
