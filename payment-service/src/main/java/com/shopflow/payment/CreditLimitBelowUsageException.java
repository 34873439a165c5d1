package com.shopflow.payment;

/** A new credit limit would be lower than the credit authorized payments already use. */
public class CreditLimitBelowUsageException extends RuntimeException {

    public CreditLimitBelowUsageException(String customerId, Money limit, Money used) {
        super("credit limit %s for customer %s is below the %s in use by authorized payments"
                .formatted(limit, customerId, used));
    }
}
