package com.shopflow.inventory;

/** No stock item exists for a SKU. */
public class UnknownSkuException extends RuntimeException {

    public UnknownSkuException(String sku) {
        super("no stock item with SKU " + sku);
    }
}
