package com.shopflow.notification;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/** An amount in minor units of an ISO 4217 currency, as the events carry it. */
public record Money(long amountMinor, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(amountMinor, quantity), currency);
    }

    /** Formats the amount for a human, e.g. {@code €12.50}, with the currency's own fraction digits. */
    public String format(Locale locale) {
        Currency unit = Currency.getInstance(currency);
        int digits = Math.max(unit.getDefaultFractionDigits(), 0);
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(amountMinor, digits));
    }
}
