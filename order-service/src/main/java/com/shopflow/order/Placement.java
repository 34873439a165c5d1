package com.shopflow.order;

/** Result of placing an order: its id and status, and whether an earlier request with the same idempotency key answered it. */
public record Placement(OrderId orderId, OrderStatus status, boolean replayed) {
}
