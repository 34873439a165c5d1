package com.shopflow.order.messaging;

import com.shopflow.events.common.Money;
import com.shopflow.events.orders.CancellationReason;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.order.Order;
import com.shopflow.order.OrderEvents;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/** Publishes the order's events through the transactional outbox, mapping the domain to Avro. */
@Component
public class OutboxOrderEvents implements OrderEvents {

    static final String TOPIC = "orders";

    private final Outbox outbox;

    public OutboxOrderEvents(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void placed(Order order) {
        outbox.append(TOPIC, order.id().toString(), metadata -> OrderPlaced.newBuilder()
                .setMetadata(metadata)
                .setOrderId(order.id().toString())
                .setCustomerId(order.customerId())
                .setCustomerEmail(order.customerEmail())
                .setLines(lines(order))
                .setTotal(total(order))
                .setPlacedAt(order.placedAt())
                .build());
    }

    @Override
    public void confirmed(Order order) {
        outbox.append(TOPIC, order.id().toString(), metadata -> OrderConfirmed.newBuilder()
                .setMetadata(metadata)
                .setOrderId(order.id().toString())
                .setCustomerId(order.customerId())
                .setCustomerEmail(order.customerEmail())
                .setLines(lines(order))
                .setTotal(total(order))
                .setConfirmedAt(order.decidedAt().orElseGet(Instant::now))
                .build());
    }

    @Override
    public void cancelled(Order order) {
        outbox.append(TOPIC, order.id().toString(), metadata -> OrderCancelled.newBuilder()
                .setMetadata(metadata)
                .setOrderId(order.id().toString())
                .setCustomerId(order.customerId())
                .setCustomerEmail(order.customerEmail())
                .setReason(order.reason().map(r -> CancellationReason.valueOf(r.name()))
                        .orElse(CancellationReason.UNKNOWN))
                .setDetail(order.detail())
                .setTotal(total(order))
                .setCancelledAt(order.decidedAt().orElseGet(Instant::now))
                .build());
    }

    private static List<OrderLine> lines(Order order) {
        return order.lines().stream()
                .map(l -> OrderLine.newBuilder().setSku(l.sku()).setQuantity(l.quantity())
                        .setUnitPriceMinor(l.unitPriceMinor()).build())
                .toList();
    }

    private static Money total(Order order) {
        return Money.newBuilder().setAmountMinor(order.totalMinor())
                .setCurrency(order.currency().getCurrencyCode()).build();
    }
}
