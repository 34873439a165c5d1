package com.shopflow.payment;

/**
 * Credit in use over all accounts and the sum of standing authorizations (authorized minus refunded), in minor units.
 * The service keeps them equal; the reliability checks compare them.
 */
public record CreditTotals(long usedMinor, long authorizedMinor) {
}
