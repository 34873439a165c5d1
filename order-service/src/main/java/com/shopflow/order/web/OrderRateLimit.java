package com.shopflow.order.web;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Token bucket per customer id for {@code POST /orders}: {@code burst} tokens, refilled at {@code perSecond}; an order
 * takes one, none left is a {@link TooManyOrdersException} saying when the next token is there. In memory: each
 * instance limits on its own, which bounds abuse well enough without a shared store.
 */
@Component
@EnableConfigurationProperties(OrderRateLimitProperties.class)
public class OrderRateLimit {

    private static final double NANOS_PER_SECOND = 1e9;

    /** Tokens left at a moment; immutable, replaced atomically per customer. */
    private record Bucket(double tokens, long atNanos) {
    }

    private final OrderRateLimitProperties properties;
    private final LongSupplier nanoTime;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    @Autowired
    public OrderRateLimit(OrderRateLimitProperties properties) {
        this(properties, System::nanoTime);
    }

    OrderRateLimit(OrderRateLimitProperties properties, LongSupplier nanoTime) {
        this.properties = properties;
        this.nanoTime = nanoTime;
    }

    /** Takes one token of {@code customerId}'s bucket or throws {@link TooManyOrdersException}. */
    public void acquire(String customerId) {
        if (!properties.enabled()) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() >= properties.maxCustomers()) {
            forgetFullBuckets(now);
        }
        double[] missing = {0};
        buckets.compute(customerId, (id, bucket) -> {
            double tokens = bucket == null ? properties.burst() : refilled(bucket, now);
            if (tokens >= 1) {
                missing[0] = 0;
                return new Bucket(tokens - 1, now);
            }
            missing[0] = 1 - tokens;
            return new Bucket(tokens, now);
        });
        if (missing[0] > 0) {
            long seconds = (long) Math.ceil(missing[0] / properties.perSecond());
            throw new TooManyOrdersException(Duration.ofSeconds(Math.max(1, seconds)));
        }
    }

    private double refilled(Bucket bucket, long now) {
        double elapsedSeconds = Math.max(0, now - bucket.atNanos()) / NANOS_PER_SECOND;
        return Math.min(properties.burst(), bucket.tokens() + elapsedSeconds * properties.perSecond());
    }

    /** A full bucket is the same as none, so forgetting it changes nothing but memory. */
    private void forgetFullBuckets(long now) {
        buckets.entrySet().removeIf(entry -> refilled(entry.getValue(), now) >= properties.burst());
    }
}
