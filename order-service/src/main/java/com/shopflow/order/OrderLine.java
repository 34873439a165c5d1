package com.shopflow.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order: how many units of which SKU at what unit price (minor units of the order's currency). */
@Embeddable
public record OrderLine(
        @Column(name = "sku", nullable = false) String sku,
        @Column(name = "quantity", nullable = false) int quantity,
        @Column(name = "unit_price_minor", nullable = false) long unitPriceMinor) {

    public OrderLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("sku must not be blank");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive");
        }
        if (unitPriceMinor < 0) {
            throw new IllegalArgumentException("unit price must not be negative");
        }
    }

    /** Quantity times unit price; throws {@link ArithmeticException} on overflow rather than wrapping around. */
    public long lineTotalMinor() {
        return Math.multiplyExact(unitPriceMinor, (long) quantity);
    }
}
