package com.shopflow.order.web;

/** Answer of {@code POST /orders}. */
public record PlaceOrderResponse(String orderId, String status) {
}
