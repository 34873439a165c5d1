package com.shopflow.inventory;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of inventory-service ({@code shopflow.inventory.*}).
 *
 * @param seed          units of stock per SKU put in at start-up for SKUs that do not exist yet (existing SKUs are
 *                      never touched), so a new installation can take orders at once
 * @param gauge         the per-SKU available-stock gauge
 */
@ConfigurationProperties("shopflow.inventory")
public record InventoryProperties(@DefaultValue Map<String, Integer> seed, @DefaultValue Gauge gauge) {

    public InventoryProperties {
        seed.forEach((sku, quantity) -> {
            if (quantity == null || quantity < 0) {
                throw new IllegalArgumentException("shopflow.inventory.seed." + sku + " must be 0 or more");
            }
        });
    }

    /**
     * @param maxSkus at most this many SKUs (the first by name) get a {@code shopflow.stock.available} gauge, to
     *                keep the metric's cardinality bounded
     * @param refresh how often the gauge values are read from the database
     */
    public record Gauge(@DefaultValue("50") int maxSkus, @DefaultValue("5s") Duration refresh) {
    }
}
