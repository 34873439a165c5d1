package com.shopflow.order;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Scheduled jobs: the saga's deadline reaper and the idempotency-key cleanup. */
@Component
public class OrderHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(OrderHousekeeping.class);

    private final Orders orders;
    private final OrderProperties properties;

    public OrderHousekeeping(Orders orders, OrderProperties properties) {
        this.orders = orders;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${shopflow.orders.reaper-interval:1s}", initialDelayString = "${shopflow.orders.reaper-interval:1s}")
    public void expirePendingOrders() {
        // Drain in batches so a backlog after an outage is worked off without one long-running transaction.
        int expired;
        do {
            expired = orders.expirePending();
            if (expired > 0) {
                log.info("Cancelled {} orders past their deadline", expired);
            }
        } while (expired == properties.reaperBatch());
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    public void forgetOldIdempotencyKeys() {
        int forgotten = orders.forgetOldIdempotencyKeys();
        if (forgotten > 0) {
            log.info("Forgot {} idempotency keys past their retention", forgotten);
        }
    }
}
