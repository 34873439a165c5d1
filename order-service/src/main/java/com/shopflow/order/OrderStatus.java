package com.shopflow.order;

/** Where an order stands in its saga: pending until payment and stock answered, then decided once. */
public enum OrderStatus {
    PENDING, CONFIRMED, CANCELLED
}
