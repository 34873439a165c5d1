package com.shopflow.payment;

import java.time.Clock;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Use case for customer credit accounts: read them, change a limit, and open them on first use. */
@Service
public class Accounts {

    private final AccountRepository accounts;
    private final PaymentProperties properties;
    private final Clock clock;

    Accounts(AccountRepository accounts, PaymentProperties properties, Clock clock) {
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    /** The currency every account is kept in. */
    public String currency() {
        return properties.currency();
    }

    /** The customer's account; a customer without one sees the default limit (nothing is stored by reading). */
    @Transactional(readOnly = true)
    public Account find(String customerId) {
        return accounts.findById(customerId)
                .orElseGet(() -> Account.unopened(customerId, properties.defaultLimit()));
    }

    /**
     * Sets the customer's credit limit, opening the account if needed; the credit in use stays in use.
     *
     * @throws IllegalArgumentException        if the limit is negative
     * @throws CurrencyMismatchException       if the limit is not in the account currency
     * @throws CreditLimitBelowUsageException  if authorized payments already use more than the new limit
     */
    @Transactional
    public Account changeCreditLimit(String customerId, Money newLimit) {
        if (newLimit.isNegative()) {
            throw new IllegalArgumentException("credit limit must not be negative");
        }
        if (!properties.currency().equals(newLimit.currency())) {
            throw new CurrencyMismatchException(properties.currency(), newLimit.currency());
        }
        Account account = lockOrOpen(customerId);
        account.changeLimit(newLimit, clock.instant());
        return account;
    }

    /**
     * Credit used over all accounts beside the sum of standing (authorized, not refunded) payments, from one database
     * snapshot; the two are equal whenever the service is correct.
     */
    @Transactional(readOnly = true)
    public CreditTotals creditTotals() {
        Object[] row = accounts.creditTotals().getFirst();
        return new CreditTotals(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
    }

    /** The customer's account with its row locked until the caller's transaction ends; opened with the default limit. */
    @Transactional(propagation = Propagation.MANDATORY)
    Account lockOrOpen(String customerId) {
        return accounts.findForUpdate(customerId).orElseGet(() -> {
            Money limit = properties.defaultLimit();
            accounts.openIfAbsent(customerId, limit.currency(), limit.amountMinor(), clock.instant());
            return accounts.findForUpdate(customerId).orElseThrow();
        });
    }
}
