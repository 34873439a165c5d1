package com.shopflow.inventory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/** Reads available units of the first SKUs from the database now and then, so every instance reports true values. */
@Component
class StockGaugeRefresher {

    private static final Logger log = LoggerFactory.getLogger(StockGaugeRefresher.class);

    private final Stock stock;
    private final StockMetrics metrics;
    private final TaskScheduler scheduler;
    private final InventoryProperties properties;

    StockGaugeRefresher(Stock stock, StockMetrics metrics, TaskScheduler scheduler, InventoryProperties properties) {
        this.stock = stock;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        scheduler.scheduleWithFixedDelay(this::refresh, properties.gauge().refresh());
    }

    void refresh() {
        try {
            stock.firstItems(metrics.maxSkus()).forEach(item -> metrics.available(item.sku(), item.available()));
        } catch (RuntimeException e) {
            // A database hiccup only delays the gauge; the next round tries again.
            log.warn("Could not refresh the stock gauges: {}", e.toString());
        }
    }
}
