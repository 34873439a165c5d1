package com.shopflow.payment.web;

import java.math.BigDecimal;
import java.time.Instant;

import com.shopflow.payment.DeclineReason;
import com.shopflow.payment.Payment;

/** A payment decision as the REST API shows it. */
public record PaymentResponse(String paymentId, String orderId, String customerId, BigDecimal amount,
                              String currency, String status, String declineReason, String detail,
                              Instant createdAt, Instant updatedAt) {

    static PaymentResponse of(Payment payment) {
        BigDecimal amount;
        try {
            amount = payment.amount().toMajor();
        } catch (IllegalArgumentException notIso4217) {
            // Declined for a currency we do not know: show the raw minor units.
            amount = BigDecimal.valueOf(payment.amount().amountMinor());
        }
        return new PaymentResponse(payment.id().toString(), payment.orderId(), payment.customerId(), amount,
                payment.amount().currency(), payment.status().name(),
                payment.declineReason().map(DeclineReason::name).orElse(null), payment.detail(),
                payment.createdAt(), payment.updatedAt());
    }
}
