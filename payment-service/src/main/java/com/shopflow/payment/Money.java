package com.shopflow.payment;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/** An amount in minor units of an ISO 4217 currency; converts from and to the decimal form the REST API uses. */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * Converts a decimal amount such as {@code 12.50} to minor units.
     *
     * @throws IllegalArgumentException if the currency is not ISO 4217 or the amount has more fraction digits than it
     */
    public static Money ofMajor(BigDecimal amount, String currency) {
        int digits = fractionDigits(currency);
        BigDecimal minor = amount.movePointRight(digits);
        if (minor.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(
                    "%s has at most %d fraction digits, got %s".formatted(currency, digits, amount.toPlainString()));
        }
        return new Money(minor.longValueExact(), currency);
    }

    public BigDecimal toMajor() {
        return BigDecimal.valueOf(amountMinor, fractionDigits(currency));
    }

    public boolean isNegative() {
        return amountMinor < 0;
    }

    @Override
    public String toString() {
        try {
            return toMajor().toPlainString() + " " + currency;
        } catch (IllegalArgumentException notIso4217) {
            return amountMinor + " minor units of " + currency;
        }
    }

    private static int fractionDigits(String currency) {
        int digits = Currency.getInstance(currency).getDefaultFractionDigits();
        // Pseudo-currencies such as XAU report -1: treat them as whole units.
        return Math.max(digits, 0);
    }
}
