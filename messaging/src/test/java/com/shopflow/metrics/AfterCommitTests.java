package com.shopflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

class AfterCommitTests {

    private final AtomicInteger recorded = new AtomicInteger();
    private final TransactionTemplate transactions = new TransactionTemplate(new ResourcelessTransactionManager());

    @Test
    void recordsOnlyOnceTheTransactionHasCommitted() {
        transactions.executeWithoutResult(status -> {
            AfterCommit.record(recorded::incrementAndGet);
            assertThat(recorded).hasValue(0);
        });

        assertThat(recorded).hasValue(1);
    }

    @Test
    void recordsNothingWhenTheTransactionRollsBack() {
        transactions.executeWithoutResult(status -> {
            AfterCommit.record(recorded::incrementAndGet);
            status.setRollbackOnly();
        });

        assertThat(recorded).hasValue(0);
    }

    @Test
    void recordsAtOnceOutsideATransaction() {
        AfterCommit.record(recorded::incrementAndGet);

        assertThat(recorded).hasValue(1);
    }

    /** Real Spring transaction synchronization without a resource behind it. */
    private static final class ResourcelessTransactionManager extends AbstractPlatformTransactionManager {

        @Override
        protected Object doGetTransaction() {
            return new Object();
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
        }

        @Override
        protected void doRollback(DefaultTransactionStatus status) {
        }
    }
}
