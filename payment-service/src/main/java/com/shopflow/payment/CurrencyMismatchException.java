package com.shopflow.payment;

/** An amount was given in a currency other than the account's. */
public class CurrencyMismatchException extends RuntimeException {

    public CurrencyMismatchException(String expected, String actual) {
        super("accounts are kept in %s, got %s".formatted(expected, actual));
    }
}
