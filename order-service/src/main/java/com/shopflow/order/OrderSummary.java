package com.shopflow.order;

import java.time.Instant;

/** One row of the order list read model. */
public record OrderSummary(OrderId orderId, String customerId, OrderStatus status, CancellationReason reason,
                           long totalMinor, String currency, Instant placedAt) {
}
