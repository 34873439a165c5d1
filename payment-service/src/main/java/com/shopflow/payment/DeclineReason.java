package com.shopflow.payment;

/** Why a payment was declined. */
public enum DeclineReason {
    INSUFFICIENT_CREDIT,
    CURRENCY_MISMATCH,
    /** The order had already been cancelled when its OrderPlaced arrived. */
    ORDER_ALREADY_CANCELLED,
    /** The order total was negative. */
    INVALID_AMOUNT
}
