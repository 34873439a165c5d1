package com.shopflow.inventory;

/** Where the stock of one order stands. */
public enum ReservationStatus {
    /** Every line is held: counted in {@code reserved}, no longer in {@code available}. */
    RESERVED,
    /** The order was cancelled and the units went back to {@code available}. */
    RELEASED,
    /** The order was confirmed: the units moved from {@code reserved} to {@code sold}. */
    SOLD,
    /** Nothing was reserved because at least one line could not be. */
    REJECTED,
    /**
     * Tombstone: the order was cancelled before its OrderPlaced was handled, so a late OrderPlaced is rejected
     * instead of holding stock that nothing would ever release.
     */
    CANCELLED
}
