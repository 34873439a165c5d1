package com.shopflow.payment;

import java.math.BigDecimal;
import java.util.Currency;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of payment-service ({@code shopflow.payments.*}).
 *
 * @param currency           the one currency every account is kept in; orders in another currency are declined
 * @param defaultCreditLimit credit limit (decimal, in {@code currency}) an unknown customer starts with
 */
@ConfigurationProperties("shopflow.payments")
public record PaymentProperties(
        @DefaultValue("EUR") String currency,
        @DefaultValue("1000.00") BigDecimal defaultCreditLimit) {

    public PaymentProperties {
        Currency.getInstance(currency);
        if (defaultCreditLimit.signum() < 0) {
            throw new IllegalArgumentException("shopflow.payments.default-credit-limit must not be negative");
        }
    }

    public Money defaultLimit() {
        return Money.ofMajor(defaultCreditLimit, currency);
    }
}
