package com.shopflow.inventory;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.common.Money;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.TestEvents;

/** The order-service side of one order in a test: its events, each with the next sequence of the order. */
final class TestOrder {

    final String orderId = UUID.randomUUID().toString();
    final List<StockLine> lines;
    private long sequence;

    TestOrder(StockLine... lines) {
        this.lines = Arrays.asList(lines);
    }

    static StockLine line(String sku, int quantity) {
        return new StockLine(sku, quantity);
    }

    /** A SKU no other test uses. */
    static String newSku() {
        return "SKU-" + UUID.randomUUID();
    }

    ReserveStock reserve() {
        return new ReserveStock(orderId, lines);
    }

    OrderPlaced placed() {
        return OrderPlaced.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail("customer-1@example.com")
                .setLines(orderLines())
                .setTotal(total())
                .setPlacedAt(Instant.now())
                .build();
    }

    OrderCancelled cancelled() {
        return OrderCancelled.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail("customer-1@example.com")
                .setReason(CancellationReason.PAYMENT_DECLINED)
                .setDetail("credit")
                .setTotal(total())
                .setCancelledAt(Instant.now())
                .build();
    }

    OrderConfirmed confirmed() {
        return OrderConfirmed.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail("customer-1@example.com")
                .setLines(orderLines())
                .setTotal(total())
                .setConfirmedAt(Instant.now())
                .build();
    }

    /**
     * An OrderPlaced of a different order (one unknown SKU, so it changes no stock) to send with this order's key, so
     * it lands on the same partition after everything sent for this order: once its answer is on the inventory
     * topic, all of this order's events were handled (the outbox relay keeps commit order).
     */
    OrderPlaced marker() {
        return OrderPlaced.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(UUID.randomUUID().toString())
                .setCustomerId("marker")
                .setCustomerEmail("marker@example.com")
                .setLines(List.of(new OrderLine("MARKER-" + UUID.randomUUID(), 1, 1L)))
                .setTotal(new Money(1L, "EUR"))
                .setPlacedAt(Instant.now())
                .build();
    }

    private List<OrderLine> orderLines() {
        return lines.stream().map(line -> new OrderLine(line.sku(), line.quantity(), 1_00L)).toList();
    }

    private Money total() {
        return new Money(lines.stream().mapToLong(line -> line.quantity() * 1_00L).sum(), "EUR");
    }

    private EventMetadata nextMetadata() {
        return TestEvents.metadata(orderId, "order-service", ++sequence);
    }
}
