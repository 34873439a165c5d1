package com.shopflow.order;

/** What payment-service answered for an order. */
public enum PaymentResult {
    AUTHORIZED, DECLINED
}
