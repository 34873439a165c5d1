package com.shopflow.inventory;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Puts in the configured seed stock ({@code shopflow.inventory.seed}) for SKUs that do not exist yet. Runs before the
 * listeners and the web server start, so the first order already finds the stock.
 */
@Component
class StockSeeder implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(StockSeeder.class);

    private final Stock stock;
    private final InventoryProperties properties;

    StockSeeder(Stock stock, InventoryProperties properties) {
        this.stock = stock;
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> inserted = stock.seed(properties.seed());
        if (!inserted.isEmpty()) {
            log.info("Seeded stock for {}", inserted);
        }
    }
}
