package com.shopflow.chaos;

/**
 * One broken guarantee: which invariant, about what (an order id, a SKU, a customer, a consumer group, a poison
 * record), and what was found.
 */
public record Violation(String invariant, String subject, String detail) {

    @Override
    public String toString() {
        return invariant + " " + subject + ": " + detail;
    }
}
