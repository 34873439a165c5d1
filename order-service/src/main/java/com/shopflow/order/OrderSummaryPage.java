package com.shopflow.order;

import java.util.List;

/** A page of the order list. */
public record OrderSummaryPage(List<OrderSummary> items, int page, int size, long totalElements) {

    public long totalPages() {
        return size == 0 ? 0 : (totalElements + size - 1) / size;
    }
}
