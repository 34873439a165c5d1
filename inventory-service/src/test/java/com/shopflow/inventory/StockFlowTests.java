package com.shopflow.inventory;

import static com.shopflow.inventory.TestOrder.line;
import static com.shopflow.inventory.TestOrder.newSku;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import com.shopflow.events.inventory.RejectionReason;
import com.shopflow.events.inventory.Shortage;
import com.shopflow.events.inventory.StockRejected;
import com.shopflow.events.inventory.StockReleased;
import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.EventsByOrder;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/** The service as the saga sees it: order events in on the real `orders` topic, decisions out on `inventory`. */
@InventoryServiceTest
class StockFlowTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestEvents events = Infrastructure.shared().events();
    private final Stock stock;
    private final KafkaListenerEndpointRegistry listeners;

    StockFlowTests(@Autowired Stock stock, @Autowired KafkaListenerEndpointRegistry listeners) {
        this.stock = stock;
        this.listeners = listeners;
    }

    @Test
    void reservesEveryLineOfAnOrder() {
        String a = newSku();
        String b = newSku();
        stock.setAvailable(a, 10);
        stock.setAvailable(b, 5);
        TestOrder order = new TestOrder(line(b, 2), line(a, 3));
        OrderPlaced placed = order.placed();

        events.send("orders", order.orderId, placed);

        StockReserved reserved = events.await("inventory", StockReserved.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(reserved.getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity())
                .containsExactlyInAnyOrder(a + "x3", b + "x2");
        assertThat(reserved.getMetadata().getCausationId()).isEqualTo(placed.getMetadata().getEventId());
        assertThat(reserved.getMetadata().getProducer()).isEqualTo("inventory-service");
        assertStock(a, 7, 3, 0);
        assertStock(b, 3, 2, 0);
    }

    @Test
    void rejectsTheWholeOrderWhenOneLineIsShort() {
        String a = newSku();
        String b = newSku();
        stock.setAvailable(a, 10);
        stock.setAvailable(b, 1);
        TestOrder order = new TestOrder(line(a, 3), line(b, 2));

        events.send("orders", order.orderId, order.placed());

        StockRejected rejected = events.await("inventory", StockRejected.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(rejected.getReason()).isEqualTo(RejectionReason.OUT_OF_STOCK);
        assertThat(rejected.getShortages()).containsExactly(new Shortage(b, 2, 1));
        assertStock(a, 10, 0, 0);
        assertStock(b, 1, 0, 0);
    }

    @Test
    void rejectsAnOrderWithAnUnknownSku() {
        String known = newSku();
        String unknown = newSku();
        stock.setAvailable(known, 10);
        TestOrder order = new TestOrder(line(known, 1), line(unknown, 4));

        events.send("orders", order.orderId, order.placed());

        StockRejected rejected = events.await("inventory", StockRejected.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(rejected.getReason()).isEqualTo(RejectionReason.UNKNOWN_SKU);
        assertThat(rejected.getShortages()).containsExactly(new Shortage(unknown, 4, 0));
        assertStock(known, 10, 0, 0);
    }

    @Test
    void releasesTheReservationWhenTheOrderIsCancelled() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 4));
        events.send("orders", order.orderId, order.placed());
        events.await("inventory", StockReserved.class, event -> event.getOrderId().equals(order.orderId), WAIT);
        OrderCancelled cancelled = order.cancelled();

        events.send("orders", order.orderId, cancelled);

        StockReleased released = events.await("inventory", StockReleased.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(released.getLines()).extracting(l -> l.getSku() + "x" + l.getQuantity()).containsExactly(sku + "x4");
        assertThat(released.getMetadata().getCausationId()).isEqualTo(cancelled.getMetadata().getEventId());
        assertStock(sku, 10, 0, 0);
        assertThat(stock.findReservation(order.orderId).orElseThrow().status()).isEqualTo(ReservationStatus.RELEASED);
    }

    @Test
    void confirmedOrderTurnsItsReservationIntoASale() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 4));
        events.send("orders", order.orderId, order.placed());
        events.await("inventory", StockReserved.class, event -> event.getOrderId().equals(order.orderId), WAIT);

        events.send("orders", order.orderId, order.confirmed());
        // A cancellation after the confirmation must not give sold units back.
        events.send("orders", order.orderId, order.cancelled());
        awaitHandled(order);

        assertStock(sku, 6, 0, 4);
        assertThat(stock.findReservation(order.orderId).orElseThrow().status()).isEqualTo(ReservationStatus.SOLD);
        assertThat(typesOfInventoryEventsFor(order.orderId)).containsExactly("StockReserved");
    }

    @Test
    void redeliveredAndRepublishedEventsReserveAndReleaseOnce() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 3));

        // Redeliveries stop at the inbox; a republished event (new id, higher sequence) passes it:
        // the reservation's order id must stop that.
        order.sendRedeliveredAndRepublished(events);
        awaitHandled(order);

        assertThat(typesOfInventoryEventsFor(order.orderId)).containsExactly("StockReserved", "StockReleased");
        assertStock(sku, 10, 0, 0);
    }

    @Test
    void orderPlacedAfterItsCancellationHoldsNoStock() {
        String sku = newSku();
        stock.setAvailable(sku, 10);
        TestOrder order = new TestOrder(line(sku, 3));

        events.send("orders", order.orderId, order.cancelled());
        events.send("orders", order.orderId, order.placed());

        StockRejected rejected = events.await("inventory", StockRejected.class,
                event -> event.getOrderId().equals(order.orderId), WAIT);
        assertThat(rejected.getReason()).isEqualTo(RejectionReason.UNKNOWN);
        awaitHandled(order);
        assertThat(typesOfInventoryEventsFor(order.orderId)).containsExactly("StockRejected");
        assertStock(sku, 10, 0, 0);
        assertThat(stock.findReservation(order.orderId).orElseThrow().rejectionReason())
                .contains(com.shopflow.inventory.RejectionReason.ORDER_ALREADY_CANCELLED);
    }

    @Test
    void concurrentOrdersOnOneSkuOnSeveralPartitionsNeverOversell() {
        assertThat(((ConcurrentMessageListenerContainer<?, ?>) listeners
                .getListenerContainer("inventory-service-orders")).getConcurrency()).isGreaterThan(1);
        String sku = newSku();
        stock.setAvailable(sku, 50);
        List<TestOrder> orders = IntStream.range(0, 40).mapToObj(i -> new TestOrder(line(sku, 2))).toList();
        Set<Integer> partitions = new HashSet<>();

        orders.forEach(order -> partitions.add(events.send("orders", order.orderId, order.placed()).partition()));

        assertThat(partitions).hasSizeGreaterThan(1);
        Set<String> orderIds = new HashSet<>(orders.stream().map(order -> order.orderId).toList());
        List<SpecificRecord> decisions = await().atMost(WAIT)
                .until(() -> inventoryEventsFor(orderIds), found -> found.size() >= orders.size());
        // 25 x 2 = 50 units: in any order of arrival exactly 25 orders get stock, the other 15 are rejected.
        List<String> reserved = decisions.stream().filter(StockReserved.class::isInstance)
                .map(event -> ((StockReserved) event).getOrderId()).toList();
        assertThat(reserved).hasSize(25);
        assertThat(decisions).filteredOn(StockRejected.class::isInstance).hasSize(15)
                .allSatisfy(event -> assertThat(((StockRejected) event).getShortages())
                        .containsExactly(new Shortage(sku, 2, 0)));
        assertStock(sku, 0, 50, 0);

        // Confirm some, cancel the others: units only move, none appear or vanish.
        List<TestOrder> reservedOrders = orders.stream().filter(order -> reserved.contains(order.orderId)).toList();
        reservedOrders.subList(0, 10).forEach(order -> events.send("orders", order.orderId, order.confirmed()));
        reservedOrders.subList(10, 25).forEach(order -> events.send("orders", order.orderId, order.cancelled()));
        await().atMost(WAIT).untilAsserted(() -> assertStock(sku, 30, 0, 20));
    }

    /** Sends a marker on the order's partition and waits for its answer: then every earlier event was handled. */
    private void awaitHandled(TestOrder order) {
        order.awaitHandled(events, "inventory", WAIT);
    }

    private void assertStock(String sku, int available, int reserved, int sold) {
        StockItem item = stock.find(sku);
        assertThat(List.of(item.available(), item.reserved(), item.sold()))
                .as("available, reserved, sold of " + sku).containsExactly(available, reserved, sold);
    }

    private List<String> typesOfInventoryEventsFor(String orderId) {
        return EventsByOrder.typeNames(events, "inventory", orderId, WAIT);
    }

    private List<SpecificRecord> inventoryEventsFor(Set<String> orderIds) {
        return EventsByOrder.read(events, "inventory", orderIds, WAIT);
    }
}
