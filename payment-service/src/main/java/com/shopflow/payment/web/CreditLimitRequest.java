package com.shopflow.payment.web;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code PUT /accounts/{customerId}}: the new credit limit, decimal, in the account currency. */
public record CreditLimitRequest(
        @NotNull @PositiveOrZero @DecimalMax(value = "1000000000000", message = "must be at most 1000000000000")
        BigDecimal creditLimit) {
}
