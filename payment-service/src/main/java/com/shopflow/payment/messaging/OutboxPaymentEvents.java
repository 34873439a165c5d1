package com.shopflow.payment.messaging;

import com.shopflow.events.common.Money;
import com.shopflow.events.payments.DeclineReason;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.events.payments.PaymentDeclined;
import com.shopflow.events.payments.PaymentRefunded;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.payment.Payment;
import com.shopflow.payment.PaymentEvents;

import org.springframework.stereotype.Component;

/** Publishes payment decisions to the {@code payments} topic, keyed by order id, through the transactional outbox. */
@Component
class OutboxPaymentEvents implements PaymentEvents {

    static final String TOPIC = "payments";

    private final Outbox outbox;

    OutboxPaymentEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void authorized(Payment payment) {
        outbox.append(TOPIC, payment.orderId(), metadata -> PaymentAuthorized.newBuilder()
                .setMetadata(metadata)
                .setOrderId(payment.orderId())
                .setCustomerId(payment.customerId())
                .setPaymentId(payment.id().toString())
                .setAmount(money(payment.amount()))
                .build());
    }

    @Override
    public void declined(Payment payment) {
        com.shopflow.payment.DeclineReason reason = payment.declineReason().orElseThrow();
        DeclineReason avroReason = switch (reason) {
            case INSUFFICIENT_CREDIT -> DeclineReason.INSUFFICIENT_CREDIT;
            case CURRENCY_MISMATCH -> DeclineReason.CURRENCY_MISMATCH;
            // No symbol in the schema (yet): UNKNOWN, with our reason at the start of the detail.
            case ORDER_ALREADY_CANCELLED, INVALID_AMOUNT -> DeclineReason.UNKNOWN;
        };
        String detail = avroReason == DeclineReason.UNKNOWN ? reason.name() + ": " + payment.detail() : payment.detail();
        outbox.append(TOPIC, payment.orderId(), metadata -> PaymentDeclined.newBuilder()
                .setMetadata(metadata)
                .setOrderId(payment.orderId())
                .setCustomerId(payment.customerId())
                .setAmount(money(payment.amount()))
                .setReason(avroReason)
                .setDetail(detail)
                .build());
    }

    @Override
    public void refunded(Payment payment) {
        outbox.append(TOPIC, payment.orderId(), metadata -> PaymentRefunded.newBuilder()
                .setMetadata(metadata)
                .setOrderId(payment.orderId())
                .setCustomerId(payment.customerId())
                .setPaymentId(payment.id().toString())
                .setAmount(money(payment.amount()))
                .build());
    }

    private static Money money(com.shopflow.payment.Money amount) {
        return new Money(amount.amountMinor(), amount.currency());
    }
}
