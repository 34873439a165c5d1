package com.shopflow.order.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limit of {@code POST /orders} per customer ({@code shopflow.orders.rate-limit.*}): a token bucket per customer
 * id, in memory of each instance. The defaults are far above what a person orders and above the busiest customer of
 * the benchmarks (about 45 orders/s for {@code bench-broke} at 900 orders/s).
 *
 * @param enabled     off: no limit at all
 * @param perSecond   sustained orders per second and customer
 * @param burst       orders a customer may place at once after a quiet spell
 * @param maxCustomers customers tracked at most; when more, buckets that are full again are forgotten
 */
@ConfigurationProperties("shopflow.orders.rate-limit")
public record OrderRateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("50") double perSecond,
        @DefaultValue("100") int burst,
        @DefaultValue("100000") int maxCustomers) {

    public OrderRateLimitProperties {
        if (perSecond <= 0 || burst < 1 || maxCustomers < 1) {
            throw new IllegalArgumentException("shopflow.orders.rate-limit needs per-second > 0, burst >= 1, "
                    + "max-customers >= 1");
        }
    }
}
