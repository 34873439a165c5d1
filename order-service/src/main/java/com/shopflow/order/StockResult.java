package com.shopflow.order;

/** What inventory-service answered for an order. */
public enum StockResult {
    RESERVED, REJECTED
}
