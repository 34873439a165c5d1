package com.shopflow.payment;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A customer's credit account: the limit granted and the part of it not taken by authorized payments. */
@Entity
@Table(name = "account")
public class Account {

    @Id
    private String customerId;

    @Column(nullable = false)
    private String currency;

    /** Minor units of {@link #currency}. */
    @Column(nullable = false)
    private long creditLimit;

    /** Minor units still free: {@code creditLimit} minus what authorized, not yet refunded payments took. */
    @Column(nullable = false)
    private long available;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected Account() {
    }

    /** An account as a customer who never had one would see it: the default limit, nothing used. */
    static Account unopened(String customerId, Money limit) {
        Account account = new Account();
        account.customerId = customerId;
        account.currency = limit.currency();
        account.creditLimit = limit.amountMinor();
        account.available = limit.amountMinor();
        return account;
    }

    public String customerId() {
        return customerId;
    }

    public String currency() {
        return currency;
    }

    public Money creditLimit() {
        return new Money(creditLimit, currency);
    }

    public Money available() {
        return new Money(available, currency);
    }

    public Money used() {
        return new Money(creditLimit - available, currency);
    }

    boolean covers(Money amount) {
        return currency.equals(amount.currency()) && available >= amount.amountMinor();
    }

    void take(Money amount, Instant now) {
        if (!covers(amount)) {
            throw new IllegalStateException("account %s cannot cover %s".formatted(customerId, amount));
        }
        available -= amount.amountMinor();
        updatedAt = now;
    }

    void giveBack(Money amount, Instant now) {
        if (!currency.equals(amount.currency()) || available + amount.amountMinor() > creditLimit) {
            throw new IllegalStateException("account %s cannot take back %s".formatted(customerId, amount));
        }
        available += amount.amountMinor();
        updatedAt = now;
    }

    /** Sets a new limit; the credit in use stays in use, so available moves by the difference. */
    void changeLimit(Money newLimit, Instant now) {
        long newAvailable = available + (newLimit.amountMinor() - creditLimit);
        if (newAvailable < 0) {
            throw new CreditLimitBelowUsageException(customerId, newLimit, used());
        }
        creditLimit = newLimit.amountMinor();
        available = newAvailable;
        updatedAt = now;
    }
}
