package com.shopflow.order.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Answer of {@code GET /orders/{id}}. */
public record OrderResponse(String orderId, String customerId, String status, String reason, String detail,
                            BigDecimal total, String currency, List<Line> lines, List<TimelineItem> timeline) {

    /** One order line with its decimal unit price. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {
    }

    /** One event the order saw. */
    public record TimelineItem(String type, Instant at, String source, String detail) {
    }
}
