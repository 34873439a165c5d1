package com.shopflow.notification;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.common.Money;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.TestEvents;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Order events as order-service would publish them, for one fresh order and customer per test. */
final class OrderEventsFixture {

    final String orderId = UUID.randomUUID().toString();
    final String recipient = "customer-" + orderId.substring(0, 8) + "@example.com";
    private long sequence;

    OrderPlaced placed() {
        return OrderPlaced.newBuilder()
                .setMetadata(metadata())
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail(recipient)
                .setLines(lines())
                .setTotal(total())
                .setPlacedAt(now())
                .build();
    }

    OrderConfirmed confirmed() {
        return OrderConfirmed.newBuilder()
                .setMetadata(metadata())
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail(recipient)
                .setLines(lines())
                .setTotal(total())
                .setConfirmedAt(now())
                .build();
    }

    OrderCancelled cancelled(CancellationReason reason, String detail) {
        return OrderCancelled.newBuilder()
                .setMetadata(metadata())
                .setOrderId(orderId)
                .setCustomerId("customer-1")
                .setCustomerEmail(recipient)
                .setReason(reason)
                .setDetail(detail)
                .setTotal(total())
                .setCancelledAt(now())
                .build();
    }

    /** 2 × 12.50 EUR + 1 × 1.99 EUR = 26.99 EUR. */
    private static List<OrderLine> lines() {
        return List.of(new OrderLine("SKU-BOOK", 2, 1250L), new OrderLine("SKU-PEN", 1, 199L));
    }

    private static Money total() {
        return new Money(2699L, "EUR");
    }

    private EventMetadata metadata() {
        return TestEvents.metadata(orderId, "order-service", ++sequence);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }
}
