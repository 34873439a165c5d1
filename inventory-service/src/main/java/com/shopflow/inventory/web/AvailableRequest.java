package com.shopflow.inventory.web;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code PUT /stock/{sku}}: the units available to order from now on. */
public record AvailableRequest(@NotNull @PositiveOrZero Integer available) {
}
