package com.shopflow.inventory.web;

import com.shopflow.inventory.StockItem;

/** Stock of one SKU as the REST API shows it. */
public record StockResponse(String sku, int available, int reserved, int sold) {

    static StockResponse of(StockItem item) {
        return new StockResponse(item.sku(), item.available(), item.reserved(), item.sold());
    }
}
