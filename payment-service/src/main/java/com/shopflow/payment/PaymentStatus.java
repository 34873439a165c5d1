package com.shopflow.payment;

/** Where a payment for one order stands. */
public enum PaymentStatus {
    /** Credit was taken for the order. */
    AUTHORIZED,
    /** The order could not be paid; nothing was taken. */
    DECLINED,
    /** The authorized amount was given back after the order was cancelled. */
    REFUNDED,
    /**
     * Tombstone: the order was cancelled before its OrderPlaced was handled, so a late OrderPlaced is declined
     * instead of taking credit that nothing would ever refund.
     */
    CANCELLED
}
