package com.shopflow.order.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token bucket on a clock the test moves: burst, refill, Retry-After, one bucket per customer, memory bound. */
class OrderRateLimitTests {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private OrderRateLimit limit(double perSecond, int burst, int maxCustomers) {
        return new OrderRateLimit(new OrderRateLimitProperties(true, perSecond, burst, maxCustomers), nanos::get);
    }

    @Test
    void allowsTheBurstThenRefusesWithTheTimeToTheNextToken() {
        OrderRateLimit limit = limit(0.5, 3, 100);
        for (int i = 0; i < 3; i++) {
            limit.acquire("ann");
        }

        assertThatThrownBy(() -> limit.acquire("ann")).isInstanceOfSatisfying(TooManyOrdersException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(2)));
        limit.acquire("bob");
    }

    @Test
    void refillsAtTheSustainedRate() {
        OrderRateLimit limit = limit(10, 1, 100);
        limit.acquire("ann");
        assertThatThrownBy(() -> limit.acquire("ann")).isInstanceOf(TooManyOrdersException.class);

        nanos.addAndGet(Duration.ofMillis(100).toNanos());

        limit.acquire("ann");
        assertThatThrownBy(() -> limit.acquire("ann")).isInstanceOfSatisfying(TooManyOrdersException.class,
                e -> assertThat(e.retryAfter()).as("rounded up to whole seconds").isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void refusedAttemptsDoNotPushTheNextTokenFurtherAway() {
        OrderRateLimit limit = limit(1, 1, 100);
        limit.acquire("ann");
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> limit.acquire("ann")).isInstanceOf(TooManyOrdersException.class);
        }

        nanos.addAndGet(Duration.ofSeconds(1).toNanos());

        limit.acquire("ann");
    }

    @Test
    void forgetsOnlyCustomersWhoseBucketIsFullAgain() {
        OrderRateLimit limit = limit(1, 1, 2);
        limit.acquire("ann");
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        limit.acquire("bob");
        limit.acquire("cid");

        assertThatThrownBy(() -> limit.acquire("bob")).as("bob's empty bucket is kept")
                .isInstanceOf(TooManyOrdersException.class);
    }

    @Test
    void disabledLimitsNothing() {
        OrderRateLimit limit = new OrderRateLimit(new OrderRateLimitProperties(false, 1, 1, 1), nanos::get);
        for (int i = 0; i < 100; i++) {
            limit.acquire("ann");
        }
    }
}
