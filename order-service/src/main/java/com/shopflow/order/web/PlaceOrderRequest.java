package com.shopflow.order.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Body of {@code POST /orders}; prices are decimals in the order's currency. */
public record PlaceOrderRequest(
        @NotBlank @Size(max = 100) String customerId,
        @NotBlank @Size(max = 320) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String customerEmail,
        @NotBlank String currency,
        @NotEmpty @Size(max = 200) List<@NotNull @Valid LineRequest> lines) {
}
