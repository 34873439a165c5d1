package com.shopflow.order;

/** Why the saga cancelled an order. */
public enum CancellationReason {
    PAYMENT_DECLINED, OUT_OF_STOCK, TIMEOUT
}
