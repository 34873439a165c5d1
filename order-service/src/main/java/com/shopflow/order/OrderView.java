package com.shopflow.order;

import java.util.List;

/** An order as the read model knows it, with its timeline; built from events, not from the write tables. */
public record OrderView(OrderId orderId, String customerId, OrderStatus status, CancellationReason reason, String detail,
                        long totalMinor, String currency, List<OrderLine> lines, List<TimelineEntry> timeline) {
}
