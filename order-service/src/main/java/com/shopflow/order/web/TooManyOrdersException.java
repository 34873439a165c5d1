package com.shopflow.order.web;

import java.time.Duration;

/** A customer placed orders faster than {@link OrderRateLimit} allows; answered with 429 and Retry-After. */
public class TooManyOrdersException extends RuntimeException {

    private final Duration retryAfter;

    public TooManyOrdersException(Duration retryAfter) {
        super("too many orders for this customer, retry in " + retryAfter.toSeconds() + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
