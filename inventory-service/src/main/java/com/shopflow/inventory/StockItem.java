package com.shopflow.inventory;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Stock of one SKU. Units only move between the three counters (reserve, release, sell), so their sum stays what was
 * put in; only {@link #setAvailable} changes it.
 */
@Entity
@Table(name = "stock_item")
public class StockItem {

    @Id
    private String sku;

    @Column(nullable = false)
    private int available;

    @Column(nullable = false)
    private int reserved;

    @Column(nullable = false)
    private int sold;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant updatedAt;

    protected StockItem() {
    }

    public String sku() {
        return sku;
    }

    public int available() {
        return available;
    }

    public int reserved() {
        return reserved;
    }

    public int sold() {
        return sold;
    }

    void reserve(int quantity, Instant now) {
        if (quantity < 1 || quantity > available) {
            throw new IllegalStateException("cannot reserve %d of %s, %d available".formatted(quantity, sku, available));
        }
        available -= quantity;
        reserved += quantity;
        updatedAt = now;
    }

    void release(int quantity, Instant now) {
        if (quantity < 1 || quantity > reserved) {
            throw new IllegalStateException("cannot release %d of %s, %d reserved".formatted(quantity, sku, reserved));
        }
        reserved -= quantity;
        available += quantity;
        updatedAt = now;
    }

    void sell(int quantity, Instant now) {
        if (quantity < 1 || quantity > reserved) {
            throw new IllegalStateException("cannot sell %d of %s, %d reserved".formatted(quantity, sku, reserved));
        }
        reserved -= quantity;
        sold += quantity;
        updatedAt = now;
    }

    void setAvailable(int quantity, Instant now) {
        if (quantity < 0) {
            throw new IllegalArgumentException("available must not be negative");
        }
        available = quantity;
        updatedAt = now;
    }
}
