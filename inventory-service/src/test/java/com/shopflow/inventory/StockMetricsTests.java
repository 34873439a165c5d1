package com.shopflow.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class StockMetricsTests {

    @Test
    void availableStockGaugeIsKeptToTheConfiguredNumberOfSkus() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StockMetrics metrics = new StockMetrics(registry,
                new InventoryProperties(Map.of(), new InventoryProperties.Gauge(50, Duration.ofSeconds(5))));

        for (int i = 0; i < 80; i++) {
            metrics.available("SKU-%03d".formatted(i), i);
        }
        metrics.available("SKU-007", 700);

        assertThat(registry.find("shopflow.stock.available").gauges()).hasSize(50);
        assertThat(registry.get("shopflow.stock.available").tag("sku", "SKU-007").gauge().value()).isEqualTo(700);
        assertThat(registry.find("shopflow.stock.available").tag("sku", "SKU-079").gauge()).isNull();
    }

    @Test
    void outcomesAreCountedOnlyOnceCommittedOrOutsideATransaction() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StockMetrics metrics = new StockMetrics(registry,
                new InventoryProperties(Map.of(), new InventoryProperties.Gauge(50, Duration.ofSeconds(5))));

        metrics.reserved();
        metrics.rejected();
        metrics.rejected();

        assertThat(registry.get("shopflow.stock").tag("outcome", "reserved").counter().count()).isEqualTo(1);
        assertThat(registry.get("shopflow.stock").tag("outcome", "rejected").counter().count()).isEqualTo(2);
        assertThat(registry.get("shopflow.stock").tag("outcome", "sold").counter().count()).isZero();
    }
}
