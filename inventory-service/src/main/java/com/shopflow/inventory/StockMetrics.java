package com.shopflow.inventory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.shopflow.metrics.AfterCommit;

import org.springframework.stereotype.Component;

/**
 * Stock outcomes ({@code shopflow.stock}) and available units per SKU ({@code shopflow.stock.available}), the latter
 * for at most {@code shopflow.inventory.gauge.max-skus} SKUs so the metric's cardinality stays bounded.
 */
@Component
public class StockMetrics {

    private final MeterRegistry registry;
    private final int maxSkus;
    private final Counter reserved;
    private final Counter rejected;
    private final Counter released;
    private final Counter sold;
    private final Map<String, AtomicLong> available = new ConcurrentHashMap<>();

    StockMetrics(MeterRegistry registry, InventoryProperties properties) {
        this.registry = registry;
        this.maxSkus = properties.gauge().maxSkus();
        reserved = outcome("reserved");
        rejected = outcome("rejected");
        released = outcome("released");
        sold = outcome("sold");
    }

    private Counter outcome(String outcome) {
        return Counter.builder("shopflow.stock")
                .description("Stock decisions by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    int maxSkus() {
        return maxSkus;
    }

    /** Sets the gauge of a SKU, registering it if fewer than the maximum are registered. */
    void available(String sku, int units) {
        AtomicLong value = available.get(sku);
        if (value == null) {
            if (available.size() >= maxSkus) {
                return;
            }
            value = available.computeIfAbsent(sku, key -> {
                AtomicLong fresh = new AtomicLong();
                Gauge.builder("shopflow.stock.available", fresh, AtomicLong::get)
                        .description("Units of a SKU available to order")
                        .tag("sku", key)
                        .register(registry);
                return fresh;
            });
        }
        value.set(units);
    }

    void reserved() {
        AfterCommit.record(reserved::increment);
    }

    void rejected() {
        AfterCommit.record(rejected::increment);
    }

    void released() {
        AfterCommit.record(released::increment);
    }

    void sold() {
        AfterCommit.record(sold::increment);
    }
}
