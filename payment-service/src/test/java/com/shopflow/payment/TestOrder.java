package com.shopflow.payment;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.TestEvents;

/** The order-service side of one order in a test: its events, each with the next sequence of the order. */
final class TestOrder {

    final String orderId = UUID.randomUUID().toString();
    final String customerId;
    final com.shopflow.events.common.Money total;
    private long sequence;

    TestOrder(String customerId, long amountMinor, String currency) {
        this.customerId = customerId;
        this.total = new com.shopflow.events.common.Money(amountMinor, currency);
    }

    static String newCustomer() {
        return "customer-" + UUID.randomUUID();
    }

    OrderPlaced placed() {
        return OrderPlaced.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCustomerEmail(customerId + "@example.com")
                .setLines(List.of(new OrderLine("SKU-1", 1, total.getAmountMinor())))
                .setTotal(total)
                .setPlacedAt(Instant.now())
                .build();
    }

    OrderCancelled cancelled() {
        return OrderCancelled.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCustomerEmail(customerId + "@example.com")
                .setReason(CancellationReason.OUT_OF_STOCK)
                .setDetail("SKU-1 is short")
                .setTotal(total)
                .setCancelledAt(Instant.now())
                .build();
    }

    OrderConfirmed confirmed() {
        return OrderConfirmed.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(orderId)
                .setCustomerId(customerId)
                .setCustomerEmail(customerId + "@example.com")
                .setLines(List.of(new OrderLine("SKU-1", 1, total.getAmountMinor())))
                .setTotal(total)
                .setConfirmedAt(Instant.now())
                .build();
    }

    /**
     * An OrderPlaced of a different, tiny order to send with this order's key, so it lands on the same partition
     * after everything sent for this order: once its answer is on the payments topic, all of this order's events
     * were handled (the outbox relay keeps commit order).
     */
    OrderPlaced marker() {
        String markerOrder = UUID.randomUUID().toString();
        return OrderPlaced.newBuilder()
                .setMetadata(nextMetadata())
                .setOrderId(markerOrder)
                .setCustomerId(newCustomer())
                .setCustomerEmail("marker@example.com")
                .setLines(List.of(new OrderLine("SKU-1", 1, 1L)))
                .setTotal(new com.shopflow.events.common.Money(1L, total.getCurrency()))
                .setPlacedAt(Instant.now())
                .build();
    }

    Money amount() {
        return new Money(total.getAmountMinor(), total.getCurrency());
    }

    private EventMetadata nextMetadata() {
        return TestEvents.metadata(orderId, "order-service", ++sequence);
    }
}
