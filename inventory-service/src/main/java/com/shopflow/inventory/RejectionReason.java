package com.shopflow.inventory;

/** Why an order's stock could not be reserved. */
public enum RejectionReason {
    OUT_OF_STOCK,
    UNKNOWN_SKU,
    /** The order had already been cancelled when its OrderPlaced arrived. */
    ORDER_ALREADY_CANCELLED,
    /** The order had no lines, or a line with a quantity below 1. */
    INVALID_ORDER
}
