package com.shopflow.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.messaging.inbox.Inbox;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The saga's join: any arrival order of payment and stock results, with duplicates, decides exactly once. */
class OrderSagaTests extends OrderServiceIntegration {

    /** Every combination of answers, in every distinct arrival order of two copies of each result. */
    static Stream<Arguments> arrivals() {
        List<String> orders = List.of("PPSS", "PSPS", "PSSP", "SPPS", "SPSP", "SSPP");
        List<Arguments> cases = new ArrayList<>();
        for (boolean paid : new boolean[] {true, false}) {
            for (boolean reserved : new boolean[] {true, false}) {
                for (String arrival : orders) {
                    cases.add(Arguments.of(paid, reserved, arrival));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "payment ok={0}, stock ok={1}, arrival {2}")
    @MethodSource("arrivals")
    void decidesOnceWhateverTheArrivalOrderAndDuplicates(boolean paid, boolean reserved, String arrival) {
        OrderId id = placeOrder();
        SpecificRecord payment = Results.payment(id, paid);
        SpecificRecord stock = Results.stock(id, reserved);

        for (char c : arrival.toCharArray()) {
            deliver(c == 'P' ? payment : stock);
        }

        // The deciding event: the first negative result to arrive, or the later of two positive ones.
        boolean paymentFirst = arrival.charAt(0) == 'P';
        SpecificRecord deciding;
        if (paid && reserved) {
            deciding = paymentFirst ? stock : payment;
        } else if (!paid && !reserved) {
            deciding = paymentFirst ? payment : stock;
        } else {
            deciding = paid ? stock : payment;
        }
        Map<String, Object> row = orderRow(id);
        String expectedEventId = Results.eventId(deciding);
        if (paid && reserved) {
            assertThat(row).containsEntry("status", "CONFIRMED").containsEntry("reason", null);
            OrderConfirmed confirmed = events.await("orders", OrderConfirmed.class,
                    e -> e.getOrderId().equals(id.toString()), WAIT);
            assertThat(confirmed.getMetadata().getCausationId()).isEqualTo(expectedEventId);
            assertThat(confirmed.getMetadata().getCorrelationId()).isEqualTo(id.toString());
        } else {
            String reason = deciding == payment ? "PAYMENT_DECLINED" : "OUT_OF_STOCK";
            assertThat(row).containsEntry("status", "CANCELLED").containsEntry("reason", reason);
            OrderCancelled cancelled = events.await("orders", OrderCancelled.class,
                    e -> e.getOrderId().equals(id.toString()), WAIT);
            assertThat(cancelled.getReason().name()).isEqualTo(reason);
            assertThat(cancelled.getMetadata().getCausationId()).isEqualTo(expectedEventId);
            assertThat(cancelled.getMetadata().getCorrelationId()).isEqualTo(id.toString());
        }
        // OrderPlaced plus exactly one decision went through the outbox.
        assertThat(ordersEventsAppended(id)).isEqualTo(2);
    }

    @Test
    void decidesEachOrderExactlyOnceWhenResultsArriveConcurrently() throws Exception {
        int count = 150;
        Random random = new Random(42);
        List<OrderId> ids = new ArrayList<>();
        List<SpecificRecord> payments = new ArrayList<>();
        List<SpecificRecord> stocks = new ArrayList<>();
        Map<OrderId, String> expected = new java.util.HashMap<>();
        for (int i = 0; i < count; i++) {
            OrderId id = placeOrder();
            boolean paid = random.nextInt(4) != 0;
            boolean reserved = random.nextInt(4) != 0;
            ids.add(id);
            payments.add(Results.payment(id, paid));
            stocks.add(Results.stock(id, reserved));
            expected.put(id, paid && reserved ? "CONFIRMED" : "CANCELLED");
        }

        // Payments and stock results go out at the same time on two topics, consumed by several listener threads;
        // every third result is delivered twice.
        ExecutorService senders = Executors.newFixedThreadPool(2);
        try {
            CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> sendAll(payments), senders),
                    CompletableFuture.runAsync(() -> sendAll(stocks), senders)).get();
        } finally {
            senders.shutdown();
        }

        Set<String> eventIds = new LinkedHashSet<>();
        payments.forEach(e -> eventIds.add(Results.eventId(e)));
        stocks.forEach(e -> eventIds.add(Results.eventId(e)));
        Awaitility.await().atMost(WAIT.multipliedBy(2)).until(() -> eventIds.stream()
                .allMatch(eventId -> processed("order-service", eventId)));

        for (OrderId id : ids) {
            assertThat(orderRow(id).get("status")).as("status of %s", id).isEqualTo(expected.get(id));
            assertThat(ordersEventsAppended(id)).as("events appended for %s", id).isEqualTo(2);
        }
        // And on the topic itself: one decision per order, of the expected kind.
        Awaitility.await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_event where topic = 'orders'", Long.class) == 0);
        Map<String, List<String>> decisions = new java.util.HashMap<>();
        for (var record : events.readAll("orders", WAIT)) {
            if (record.value() instanceof OrderConfirmed c) {
                decisions.computeIfAbsent(c.getOrderId(), k -> new ArrayList<>()).add("CONFIRMED");
            } else if (record.value() instanceof OrderCancelled c) {
                decisions.computeIfAbsent(c.getOrderId(), k -> new ArrayList<>()).add("CANCELLED");
            }
        }
        for (OrderId id : ids) {
            assertThat(decisions.get(id.toString())).as("decisions of %s", id).containsExactly(expected.get(id));
        }
    }

    private void sendAll(List<SpecificRecord> results) {
        int i = 0;
        for (SpecificRecord result : results) {
            String key = Inbox.metadataOf(result).getCorrelationId();
            events.send(Results.topicOf(result), key, result);
            if (i++ % 3 == 0) {
                events.send(Results.topicOf(result), key, result);
            }
        }
    }
}
