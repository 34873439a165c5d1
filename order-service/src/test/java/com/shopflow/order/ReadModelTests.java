package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.order.messaging.ReadModelProjector;
import com.shopflow.testkit.Infrastructure;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** The query side: GET answers from the read model, with a timeline, and a rebuild from the topics equals it. */
class ReadModelTests extends OrderServiceIntegration {

    @Test
    void showsTheTimelineOfAnOrderFromItsEvents() {
        OrderId id = placeOrder();
        deliver(Results.stock(id, true));
        deliver(Results.payment(id, true));

        JsonNode order = Awaitility.await().atMost(WAIT).until(() -> api.get("/orders/" + id).json(),
                json -> json.path("timeline").size() == 4);

        assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(order.path("total").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(order.path("currency").asString()).isEqualTo("EUR");
        assertThat(order.path("lines").get(0).path("sku").asString()).isEqualTo("SKU-1");
        assertThat(types(order)).containsExactlyInAnyOrder("OrderPlaced", "StockReserved", "PaymentAuthorized",
                "OrderConfirmed");
        assertThat(order.path("timeline").get(0).path("type").asString()).isEqualTo("OrderPlaced");
        assertThat(order.path("timeline").get(3).path("type").asString()).isEqualTo("OrderConfirmed");
        assertThat(sources(order)).contains("order-service", "payment-service", "inventory-service");
    }

    @Test
    void showsEveryLineOfAnOrderInTheOrderItWasPlaced() {
        HttpApi.Answer answer = api.postOrder("""
                {"customerId":"%s","customerEmail":"ann@example.com","currency":"EUR",
                 "lines":[{"sku":"SKU-9","quantity":1,"unitPrice":3.00},
                          {"sku":"SKU-1","quantity":4,"unitPrice":0.25},
                          {"sku":"SKU-5","quantity":2,"unitPrice":10.00}]}""".formatted(newCustomer()));
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        OrderId id = OrderId.parse(answer.json().path("orderId").asString());
        awaitReadModelCaughtUp();

        List<String> lines = jdbc.queryForList("select line_no || ' ' || sku || ' x' || quantity || ' @' || "
                + "unit_price_minor from order_view_line where order_id = ? order by line_no", String.class, id.value());
        assertThat(lines).containsExactly("0 SKU-9 x1 @300", "1 SKU-1 x4 @25", "2 SKU-5 x2 @1000");
        assertThat(jdbc.queryForObject("select total_minor from order_view where order_id = ?", Long.class,
                id.value())).isEqualTo(2400);
    }

    @Test
    void recordsAResultThatArrivesAfterTheDecisionInTheTimelineOnly() {
        OrderId id = placeOrder();
        deliver(Results.payment(id, false));
        deliver(Results.stock(id, true));

        JsonNode order = Awaitility.await().atMost(WAIT).until(() -> api.get("/orders/" + id).json(),
                json -> json.path("timeline").size() == 4);

        assertThat(order.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(order.path("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(types(order)).contains("PaymentDeclined", "OrderCancelled", "StockReserved");
        assertThat(ordersEventsAppended(id)).isEqualTo(2);
    }

    @Test
    void redeliveredEventsLeaveTheReadModelAsItWas() {
        OrderId id = placeOrder();
        PaymentAuthorized payment = (PaymentAuthorized) Results.payment(id, true);
        deliver(payment);
        deliver(Results.stock(id, true));
        OrderPlaced placed = events.await("orders", OrderPlaced.class,
                e -> e.getOrderId().equals(id.toString()), WAIT);
        awaitReadModelCaughtUp();
        Map<String, List<String>> before = readModel();
        assertThat(before.get("view")).anyMatch(row -> row.contains(id + "|") && row.contains("|CONFIRMED|"));

        // A redelivery after a crash, or the relay re-sending after one: the placement comes again after the
        // decision, and a result twice. The projection keeps no inbox rows; its upserts must make both harmless.
        events.send("orders", id.toString(), placed);
        deliver(payment);
        awaitReadModelCaughtUp();

        assertThat(readModel()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ?", Long.class,
                ReadModelProjector.CONSUMER)).isZero();
    }

    @Test
    void writesATransactionsTimelineEntriesWhenItCommitsAndNoneWhenItRollsBack() {
        OrderViews views = context.getBean(OrderViews.class);
        TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
        OrderId committed = new OrderId(UUID.randomUUID());
        OrderId rolledBack = new OrderId(UUID.randomUUID());
        TimelineEntry authorized = entry("PaymentAuthorized", "payment-service");
        TimelineEntry reserved = entry("StockReserved", "inventory-service");

        transactions.executeWithoutResult(status -> {
            views.record(committed, authorized);
            views.record(committed, reserved);
            views.record(committed, authorized);
            assertThat(views.timeline(committed)).as("written at commit, all in one statement").isEmpty();
        });
        transactions.executeWithoutResult(status -> {
            views.record(rolledBack, entry("PaymentDeclined", "payment-service"));
            status.setRollbackOnly();
        });

        assertThat(views.timeline(committed)).extracting(TimelineEntry::type)
                .containsExactlyInAnyOrder("PaymentAuthorized", "StockReserved");
        assertThat(views.timeline(committed)).filteredOn(e -> e.eventId().equals(authorized.eventId())).singleElement()
                .isEqualTo(authorized);
        assertThat(views.timeline(rolledBack)).isEmpty();
    }

    @Test
    void anInnerTransactionWritesItsOwnTimelineEntriesNotTheOuterOnes() {
        OrderViews views = context.getBean(OrderViews.class);
        TransactionTemplate outer = context.getBean(TransactionTemplate.class);
        TransactionTemplate inner = new TransactionTemplate(outer.getTransactionManager());
        inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        OrderId id = new OrderId(UUID.randomUUID());

        outer.executeWithoutResult(status -> {
            views.record(id, entry("PaymentAuthorized", "payment-service"));
            inner.executeWithoutResult(nested -> views.record(id, entry("StockReserved", "inventory-service")));
            status.setRollbackOnly();
        });

        assertThat(views.timeline(id)).extracting(TimelineEntry::type).containsExactly("StockReserved");
    }

    private static TimelineEntry entry(String type, String source) {
        return new TimelineEntry(UUID.randomUUID().toString(), type,
                Instant.now().truncatedTo(ChronoUnit.MICROS), source, "");
    }

    @Test
    void listsOrdersByCustomerAndStatus() {
        OrderId id = placeOrder();
        String customer = jdbc.queryForObject("select customer_id from orders where id = ?", String.class, id.value());
        deliver(Results.payment(id, false));

        JsonNode page = Awaitility.await().atMost(WAIT).until(
                () -> api.get("/orders?customerId=" + customer + "&status=CANCELLED&page=0&size=5").json(),
                json -> json.path("totalElements").asLong() == 1);

        assertThat(page.path("items").get(0).path("orderId").asString()).isEqualTo(id.toString());
        assertThat(page.path("items").get(0).path("reason").asString()).isEqualTo("PAYMENT_DECLINED");
        assertThat(api.get("/orders?customerId=" + customer + "&status=CONFIRMED").json().path("totalElements")
                .asLong()).isZero();
    }

    @Test
    void rebuildingFromTheTopicsGivesTheSameReadModel() {
        List<OrderId> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            OrderId id = placeOrder();
            ids.add(id);
            deliver(Results.payment(id, i % 3 != 0));
            deliver(Results.stock(id, i % 2 == 0));
        }
        awaitReadModelCaughtUp();
        Map<String, List<String>> live = readModel();
        assertThat(live.get("timeline")).hasSizeGreaterThanOrEqualTo(ids.size() * 3);
        // Damage the model the way a bug would: only a replay from the topics can repair it.
        jdbc.update("delete from order_timeline where order_id = ?", ids.get(0).value());
        jdbc.update("update order_view set status = 'PENDING', reason = null where order_id = ?", ids.get(1).value());
        assertThat(readModel()).isNotEqualTo(live);

        HttpApi.Answer rebuild = api.post("/admin/read-model/rebuild", null, "", Map.of());
        assertThat(rebuild.status()).isEqualTo(202);

        Awaitility.await().atMost(WAIT.multipliedBy(2)).untilAsserted(() -> assertThat(readModel()).isEqualTo(live));
    }

    private Map<String, List<String>> readModel() {
        Map<String, List<String>> tables = new HashMap<>();
        tables.put("view", jdbc.queryForList("select concat_ws('|', order_id, customer_id, status, reason, detail, "
                + "total_minor, currency, placed_at) from order_view order by order_id", String.class));
        tables.put("lines", jdbc.queryForList("select concat_ws('|', order_id, line_no, sku, quantity, unit_price_minor) "
                + "from order_view_line order by order_id, line_no", String.class));
        tables.put("timeline", jdbc.queryForList("select concat_ws('|', event_id, order_id, type, at, source, detail) "
                + "from order_timeline order by event_id", String.class));
        return tables;
    }

    /** Waits until the outbox is drained and the read model's consumer group has no lag left. */
    private void awaitReadModelCaughtUp() {
        Admin admin = Infrastructure.shared().admin();
        Awaitility.await().atMost(WAIT).until(() -> {
            if (jdbc.queryForObject("select count(*) from outbox_event", Long.class) > 0) {
                return false;
            }
            Set<String> topics = Set.of("orders", "payments", "inventory");
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets("order-service-read-model").partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values().forEach(t -> t.partitions()
                    .forEach(p -> latest.put(new TopicPartition(t.name(), p.partition()), OffsetSpec.latest())));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || (committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue().offset()));
        });
    }

    private static List<String> types(JsonNode order) {
        List<String> types = new ArrayList<>();
        order.path("timeline").forEach(e -> types.add(e.path("type").asString()));
        return types;
    }

    private static Set<String> sources(JsonNode order) {
        List<String> sources = new ArrayList<>();
        order.path("timeline").forEach(e -> sources.add(e.path("source").asString()));
        return sources.stream().collect(Collectors.toSet());
    }
}
