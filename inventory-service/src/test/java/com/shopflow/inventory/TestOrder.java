package com.shopflow.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.shopflow.testkit.OrderEventsBuilder;

/** One order of a stock test: its lines at 1.00 EUR a unit, its events (test kit) and its reservation command. */
final class TestOrder extends OrderEventsBuilder {

    final String orderId = orderId();
    final List<StockLine> lines;

    TestOrder(StockLine... lines) {
        this.lines = Arrays.asList(lines);
        this.lines.forEach(line -> line(line.sku(), line.quantity(), 1_00L));
    }

    static StockLine line(String sku, int quantity) {
        return new StockLine(sku, quantity);
    }

    /** A SKU no other test uses. */
    static String newSku() {
        return "SKU-" + UUID.randomUUID();
    }

    ReserveStock reserve() {
        return new ReserveStock(orderId, lines);
    }
}
