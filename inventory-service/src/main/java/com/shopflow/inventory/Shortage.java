package com.shopflow.inventory;

/** One SKU of an order that could not be reserved: how many were asked for, how many were there (0 if unknown). */
public record Shortage(String sku, int requested, int available, boolean unknownSku) {
}
