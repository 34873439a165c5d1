package com.shopflow.inventory;

import java.util.List;
import java.util.Objects;

/** Request to hold every line of a placed order, or none. */
public record ReserveStock(String orderId, List<StockLine> lines) {

    public ReserveStock {
        Objects.requireNonNull(orderId, "orderId");
        lines = List.copyOf(lines);
    }
}
