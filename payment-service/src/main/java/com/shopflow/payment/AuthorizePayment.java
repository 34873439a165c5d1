package com.shopflow.payment;

import java.util.Objects;

/** Request to pay for a placed order out of the customer's available credit. */
public record AuthorizePayment(String orderId, String customerId, Money amount) {

    public AuthorizePayment {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(amount, "amount");
    }
}
