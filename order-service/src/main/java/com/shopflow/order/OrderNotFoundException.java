package com.shopflow.order;

/** No order exists with the given id. */
public class OrderNotFoundException extends RuntimeException {

    private final OrderId orderId;

    public OrderNotFoundException(OrderId orderId) {
        super("No order with id " + orderId);
        this.orderId = orderId;
    }

    public OrderId orderId() {
        return orderId;
    }
}
