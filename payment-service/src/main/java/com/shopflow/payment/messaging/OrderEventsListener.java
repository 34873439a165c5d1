package com.shopflow.payment.messaging;

import java.util.List;
import java.util.Set;

import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.payment.AuthorizePayment;
import com.shopflow.payment.Money;
import com.shopflow.payment.Payments;
import com.shopflow.payment.RefundPayment;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the {@code orders} topic: authorizes on OrderPlaced, refunds on OrderCancelled, each at most once per
 * event through the inbox (the payment's unique order id keeps it at most once per order as well).
 */
@Component
class OrderEventsListener {

    static final String CONSUMER = "payment-service";

    // OrderConfirmed changes nothing here (the authorization simply stands), so it costs no inbox row either.
    private static final Set<Class<?>> ACTS_ON = Set.of(OrderPlaced.class, OrderCancelled.class);

    private final Inbox inbox;
    private final Payments payments;

    OrderEventsListener(Inbox inbox, Payments payments) {
        this.inbox = inbox;
        this.payments = payments;
    }

    @KafkaListener(id = "payment-service-orders", topics = "orders", groupId = CONSUMER, batch = "true")
    void on(List<ConsumerRecord<String, SpecificRecord>> records) {
        inbox.handleAll(CONSUMER, records, ACTS_ON, record -> apply(record.value()));
    }

    private void apply(SpecificRecord event) {
        switch (event) {
            case OrderPlaced placed -> payments.authorize(new AuthorizePayment(
                    placed.getOrderId(), placed.getCustomerId(), money(placed.getTotal())));
            case OrderCancelled cancelled -> payments.refund(new RefundPayment(
                    cancelled.getOrderId(), cancelled.getCustomerId(), money(cancelled.getTotal())));
            default -> throw new IllegalArgumentException("Not an event this listener acts on: "
                    + event.getSchema().getFullName());
        }
    }

    private static Money money(com.shopflow.events.common.Money money) {
        return new Money(money.getAmountMinor(), money.getCurrency());
    }
}
