package com.shopflow.inventory;

import java.util.Objects;

/** A quantity of one SKU, as ordered, reserved or released. */
public record StockLine(String sku, int quantity) {

    public StockLine {
        Objects.requireNonNull(sku, "sku");
    }
}
