package com.shopflow.order;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the order saga ({@code shopflow.orders.*}).
 *
 * @param deadline how long an order may stay pending before it is cancelled with TIMEOUT
 * @param reaperInterval how often the deadline reaper looks for expired orders
 * @param reaperBatch at most this many orders are expired per reaper run, each in its own transaction
 * @param idempotencyRetention how long an Idempotency-Key is remembered (at least 24 h by contract)
 */
@ConfigurationProperties("shopflow.orders")
public record OrderProperties(
        @DefaultValue("30s") Duration deadline,
        @DefaultValue("1s") Duration reaperInterval,
        @DefaultValue("50") int reaperBatch,
        @DefaultValue("25h") Duration idempotencyRetention) {
}
