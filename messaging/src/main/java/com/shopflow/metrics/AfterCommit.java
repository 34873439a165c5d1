package com.shopflow.metrics;

import java.util.Objects;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records a business metric only once the surrounding transaction has committed, for the services' domain code (this
 * package knows no Kafka, so the domain may use it).
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    /**
     * Runs {@code record} after the current transaction commits, or now if there is none. A rolled-back effect that is
     * redelivered and applied again must count once, not twice, and one that is rolled back for good not at all.
     */
    public static void record(Runnable record) {
        Objects.requireNonNull(record, "record");
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            record.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                record.run();
            }
        });
    }
}
