package com.shopflow.order;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

import com.shopflow.metrics.AfterCommit;

import org.springframework.stereotype.Component;

/** The saga's own metrics: decisions by status and reason, placed-to-decided duration, and pending orders. */
@Component
public class SagaMetrics {

    private final MeterRegistry registry;
    private final Timer sagaDuration;

    public SagaMetrics(MeterRegistry registry, OrderRepository orders) {
        this.registry = registry;
        this.sagaDuration = Timer.builder("shopflow.saga.duration")
                .description("Time from an order being placed to the saga's decision")
                .publishPercentileHistogram()
                .register(registry);
        Gauge.builder("shopflow.orders.pending", orders, repository -> repository.countByStatus(OrderStatus.PENDING))
                .description("Orders waiting for payment and stock results")
                .register(registry);
    }

    /** Counts a decision once its transaction has committed, so a rolled-back decision is never counted. */
    void decided(Order order) {
        String reason = order.reason().map(Enum::name).orElse("NONE");
        Duration duration = Duration.between(order.placedAt(), order.decidedAt().orElseThrow());
        AfterCommit.record(() -> {
            Counter.builder("shopflow.orders.decided")
                    .description("Orders decided by the saga")
                    .tag("status", order.status().name())
                    .tag("reason", reason)
                    .register(registry)
                    .increment();
            sagaDuration.record(duration.isNegative() ? Duration.ZERO : duration);
        });
    }
}
