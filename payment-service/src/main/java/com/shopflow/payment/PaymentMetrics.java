package com.shopflow.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** Payment outcomes ({@code shopflow.payments}) and credit in use ({@code shopflow.payments.credit.used}). */
@Component
public class PaymentMetrics {

    private final Counter authorized;
    private final Counter declined;
    private final Counter refunded;

    PaymentMetrics(MeterRegistry registry, AccountRepository accounts, PaymentProperties properties) {
        authorized = outcome(registry, "authorized");
        declined = outcome(registry, "declined");
        refunded = outcome(registry, "refunded");
        // Read from the database at scrape time, so every instance reports the same, true figure.
        Gauge.builder("shopflow.payments.credit.used", accounts, AccountRepository::totalCreditUsedMinor)
                .description("Credit taken by authorized, not refunded payments, in minor units")
                .baseUnit("minor_units")
                .tag("currency", properties.currency())
                .register(registry);
    }

    private static Counter outcome(MeterRegistry registry, String outcome) {
        return Counter.builder("shopflow.payments")
                .description("Payment decisions by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    void authorized() {
        afterCommit(authorized);
    }

    void declined() {
        afterCommit(declined);
    }

    void refunded() {
        afterCommit(refunded);
    }

    /** Counts only what was committed: a rolled-back and redelivered decision must not count twice. */
    private static void afterCommit(Counter counter) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    counter.increment();
                }
            });
        } else {
            counter.increment();
        }
    }
}
