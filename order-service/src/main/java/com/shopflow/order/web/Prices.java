package com.shopflow.order.web;

import com.shopflow.web.InvalidFieldException;
import java.math.BigDecimal;
import java.util.Currency;

/** Converts between decimal prices of the REST API and minor units of the domain. */
final class Prices {

    private Prices() {
    }

    /** Parses an ISO 4217 code that has minor units; throws {@link InvalidFieldException} for anything else. */
    static Currency currency(String code, String field) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new InvalidFieldException(field, "must be an ISO 4217 currency code such as EUR");
        }
        try {
            Currency currency = Currency.getInstance(code);
            if (currency.getDefaultFractionDigits() < 0) {
                throw new InvalidFieldException(field, "'" + code + "' is not a currency orders can be paid in");
            }
            return currency;
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "unknown ISO 4217 currency '" + code + "'");
        }
    }

    static long toMinor(BigDecimal amount, Currency currency, String field) {
        int digits = currency.getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidFieldException(field,
                    "has more than " + digits + " fraction digits, the most " + currency.getCurrencyCode() + " has");
        }
        try {
            return amount.movePointRight(digits).longValueExact();
        } catch (ArithmeticException e) {
            throw new InvalidFieldException(field, "is too large");
        }
    }

    static BigDecimal toDecimal(long minor, String currencyCode) {
        int digits = currencyCode == null ? 2 : Currency.getInstance(currencyCode).getDefaultFractionDigits();
        return BigDecimal.valueOf(minor, digits);
    }
}
