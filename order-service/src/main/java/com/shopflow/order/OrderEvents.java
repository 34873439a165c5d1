package com.shopflow.order;

/**
 * Port through which the domain announces what happened to an order; implemented in {@code messaging} by appending
 * to the outbox, so every call must happen inside the transaction that changed the order.
 */
public interface OrderEvents {

    void placed(Order order);

    void confirmed(Order order);

    void cancelled(Order order);
}
