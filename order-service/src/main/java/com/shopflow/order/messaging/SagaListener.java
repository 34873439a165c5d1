package com.shopflow.order.messaging;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.shopflow.events.inventory.Shortage;
import com.shopflow.events.inventory.StockRejected;
import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.events.payments.PaymentDeclined;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.order.OrderId;
import com.shopflow.order.Orders;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The saga's join: consumes payment and stock results through the inbox and hands them to {@link Orders}, which
 * decides under a row lock. Other events on these topics (refunds, releases) do not concern the saga.
 */
@Component
public class SagaListener {

    /** Inbox consumer name, equal to the Kafka consumer group. */
    public static final String CONSUMER = "order-service";

    // Refunds and releases on these topics are compensations with nothing left to decide: no inbox row for them.
    private static final Set<Class<?>> ACTS_ON = Set.of(PaymentAuthorized.class, PaymentDeclined.class,
            StockReserved.class, StockRejected.class);

    private final Inbox inbox;
    private final Orders orders;

    public SagaListener(Inbox inbox, Orders orders) {
        this.inbox = inbox;
        this.orders = orders;
    }

    @KafkaListener(id = "order-saga", groupId = CONSUMER, topics = {"payments", "inventory"}, batch = "true")
    public void onResults(List<ConsumerRecord<String, SpecificRecord>> records) {
        inbox.handleAll(CONSUMER, records, ACTS_ON, record -> apply(record.value()));
    }

    private void apply(SpecificRecord event) {
        switch (event) {
            case PaymentAuthorized e -> orders.paymentAuthorized(OrderId.parse(e.getOrderId()));
            case PaymentDeclined e -> orders.paymentDeclined(OrderId.parse(e.getOrderId()),
                    detail(e.getReason().name(), e.getDetail()));
            case StockReserved e -> orders.stockReserved(OrderId.parse(e.getOrderId()));
            case StockRejected e -> orders.stockRejected(OrderId.parse(e.getOrderId()),
                    detail(e.getReason().name(), e.getShortages().stream()
                            .map(SagaListener::shortage).collect(Collectors.joining(", "))));
            default -> throw new IllegalArgumentException("Not an event the saga acts on: "
                    + event.getSchema().getFullName());
        }
    }

    static String shortage(Shortage s) {
        return s.getSku() + " requested " + s.getRequested() + ", available " + s.getAvailable();
    }

    static String detail(String reason, String detail) {
        return detail == null || detail.isBlank() ? reason : reason + ": " + detail;
    }
}
