package com.shopflow.order.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /orders}: one page of the order list. */
public record OrderListResponse(List<Item> items, int page, int size, long totalElements, long totalPages) {

    /** One order of the list. */
    public record Item(String orderId, String customerId, String status, String reason, BigDecimal total,
                       String currency, Instant placedAt) {
    }
}
