package com.shopflow.order;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A client's Idempotency-Key, the fingerprint of the request that first used it, and the order it created. */
@Entity
@Table(name = "idempotency_keys")
public class IdempotencyKey {

    @Id
    @Column(name = "idem_key")
    private String key;

    @Column(nullable = false)
    private String fingerprint;

    @Column(name = "order_id", nullable = false)
    private UUID orderId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected IdempotencyKey() {
        // for JPA
    }

    public String key() {
        return key;
    }

    public String fingerprint() {
        return fingerprint;
    }

    public OrderId orderId() {
        return new OrderId(orderId);
    }

    public Instant createdAt() {
        return createdAt;
    }
}
