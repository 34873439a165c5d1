package com.shopflow.payment;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.shopflow.metrics.AfterCommit;

import org.springframework.stereotype.Component;

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
        AfterCommit.record(authorized::increment);
    }

    void declined() {
        AfterCommit.record(declined::increment);
    }

    void refunded() {
        AfterCommit.record(refunded::increment);
    }
}
