package com.shopflow.payment;

import java.util.Objects;

/** An order was cancelled: give back whatever was authorized for it, and remember the cancellation. */
public record RefundPayment(String orderId, String customerId, Money orderTotal) {

    public RefundPayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(orderTotal, "orderTotal");
    }
}
