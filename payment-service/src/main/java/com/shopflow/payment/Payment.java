package com.shopflow.payment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/** The payment decision for one order (at most one per order): authorized, declined, refunded, or a cancellation tombstone. */
@Entity
@Table(name = "payment")
public class Payment implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(nullable = false, unique = true, updatable = false)
    private String orderId;

    @Column(nullable = false)
    private String customerId;

    @Column(nullable = false)
    private long amountMinor;

    @Column(nullable = false)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private PaymentStatus status;

    @Enumerated(EnumType.STRING)
    private DeclineReason declineReason;

    @Column(nullable = false)
    private String detail;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    @Transient
    private boolean isNew;

    protected Payment() {
    }

    private Payment(String orderId, String customerId, Money amount, PaymentStatus status, DeclineReason reason,
                    String detail, Instant now) {
        this.id = UUID.randomUUID();
        this.orderId = orderId;
        this.customerId = customerId;
        this.amountMinor = amount.amountMinor();
        this.currency = amount.currency();
        this.status = status;
        this.declineReason = reason;
        this.detail = detail;
        this.createdAt = now;
        this.updatedAt = now;
        this.isNew = true;
    }

    static Payment authorized(String orderId, String customerId, Money amount, Instant now) {
        return new Payment(orderId, customerId, amount, PaymentStatus.AUTHORIZED, null, "", now);
    }

    static Payment declined(String orderId, String customerId, Money amount, DeclineReason reason, String detail,
                            Instant now) {
        return new Payment(orderId, customerId, amount, PaymentStatus.DECLINED, reason, detail, now);
    }

    void refund(Instant now) {
        if (status != PaymentStatus.AUTHORIZED) {
            throw new IllegalStateException("payment %s is %s, only an authorized payment is refunded".formatted(id, status));
        }
        status = PaymentStatus.REFUNDED;
        updatedAt = now;
    }

    /** Turns a cancellation tombstone into a decline when the order's OrderPlaced finally arrives. */
    void declineLate(String customerId, Money amount, Instant now) {
        if (status != PaymentStatus.CANCELLED) {
            throw new IllegalStateException("payment %s is %s, not a cancellation tombstone".formatted(id, status));
        }
        this.customerId = customerId;
        this.amountMinor = amount.amountMinor();
        this.currency = amount.currency();
        this.status = PaymentStatus.DECLINED;
        this.declineReason = DeclineReason.ORDER_ALREADY_CANCELLED;
        this.detail = "order %s was cancelled before its payment was handled".formatted(orderId);
        this.updatedAt = now;
    }

    @Override
    public UUID getId() {
        return id;
    }

    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void markNotNew() {
        isNew = false;
    }

    public UUID id() {
        return id;
    }

    public String orderId() {
        return orderId;
    }

    public String customerId() {
        return customerId;
    }

    public Money amount() {
        return new Money(amountMinor, currency);
    }

    public PaymentStatus status() {
        return status;
    }

    public Optional<DeclineReason> declineReason() {
        return Optional.ofNullable(declineReason);
    }

    public String detail() {
        return detail;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
