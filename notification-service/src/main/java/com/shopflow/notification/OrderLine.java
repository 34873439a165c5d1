package com.shopflow.notification;

/** One line of an order as a mail shows it. */
public record OrderLine(String sku, int quantity, Money unitPrice) {

    public Money lineTotal() {
        return unitPrice.times(quantity);
    }
}
