package com.shopflow.order.messaging;

import java.util.List;
import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.inventory.StockRejected;
import com.shopflow.events.inventory.StockReleased;
import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.orders.OrderCancelled;
import com.shopflow.events.orders.OrderConfirmed;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.events.payments.PaymentDeclined;
import com.shopflow.events.payments.PaymentRefunded;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.messaging.kafka.BatchingFetch;
import com.shopflow.order.CancellationReason;
import com.shopflow.order.OrderId;
import com.shopflow.order.OrderLine;
import com.shopflow.order.OrderStatus;
import com.shopflow.order.OrderViews;
import com.shopflow.order.TimelineEntry;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds the read model (order list and timelines) from the events on {@code orders}, {@code payments} and
 * {@code inventory}, in its own consumer group so it can be replayed without touching the saga.
 */
@Component
public class ReadModelProjector {

    /** Inbox consumer name and Kafka consumer group of the read model. */
    public static final String CONSUMER = "order-service-read-model";
    /** Listener container id, used to stop and restart it for a rebuild. */
    public static final String LISTENER_ID = "order-read-model";

    private final Inbox inbox;
    private final OrderViews views;

    public ReadModelProjector(Inbox inbox, OrderViews views) {
        this.inbox = inbox;
        this.views = views;
    }

    // The projection is order-insensitive and idempotent (upserts, and a timeline keyed by event id), so it needs
    // neither a sequence nor a processed_event row per event: a redelivered event is written again, to the same
    // values. Nobody waits on the read model (GET /orders/{id} falls back to the order itself), so it takes its
    // events in batches: a transaction per quarter second instead of one per event.
    @KafkaListener(id = LISTENER_ID, groupId = CONSUMER, topics = {"orders", "payments", "inventory"},
            batch = "true", properties = {BatchingFetch.MAX_WAIT, BatchingFetch.MIN_BYTES})
    public void onEvents(List<ConsumerRecord<String, SpecificRecord>> records) {
        inbox.handleAllIdempotent(CONSUMER, records, record -> project(record.value()));
    }

    private void project(SpecificRecord event) {
        EventMetadata metadata = Inbox.metadataOf(event);
        switch (event) {
            case OrderPlaced e -> views.placed(id(e.getOrderId()), e.getCustomerId(), e.getTotal().getCurrency(),
                    e.getTotal().getAmountMinor(),
                    e.getLines().stream().map(l -> new OrderLine(l.getSku(), l.getQuantity(), l.getUnitPriceMinor()))
                            .toList(),
                    e.getPlacedAt(), entry(metadata, event, ""));
            case OrderConfirmed e -> views.decided(id(e.getOrderId()), OrderStatus.CONFIRMED, null, "",
                    entry(metadata, event, ""));
            case OrderCancelled e -> views.decided(id(e.getOrderId()), OrderStatus.CANCELLED, reason(e),
                    e.getDetail(), entry(metadata, event, SagaListener.detail(e.getReason().name(), e.getDetail())));
            case PaymentAuthorized e -> views.record(id(e.getOrderId()), entry(metadata, event, ""));
            case PaymentDeclined e -> views.record(id(e.getOrderId()),
                    entry(metadata, event, SagaListener.detail(e.getReason().name(), e.getDetail())));
            case PaymentRefunded e -> views.record(id(e.getOrderId()), entry(metadata, event, ""));
            case StockReserved e -> views.record(id(e.getOrderId()), entry(metadata, event, ""));
            case StockRejected e -> views.record(id(e.getOrderId()), entry(metadata, event,
                    SagaListener.detail(e.getReason().name(), e.getShortages().stream()
                            .map(SagaListener::shortage).collect(Collectors.joining(", ")))));
            case StockReleased e -> views.record(id(e.getOrderId()), entry(metadata, event, ""));
            default -> {
                // An event type this version does not know: nothing to show.
            }
        }
    }

    private static CancellationReason reason(OrderCancelled e) {
        return switch (e.getReason()) {
            case PAYMENT_DECLINED -> CancellationReason.PAYMENT_DECLINED;
            case OUT_OF_STOCK -> CancellationReason.OUT_OF_STOCK;
            case TIMEOUT -> CancellationReason.TIMEOUT;
            default -> null;
        };
    }

    private static TimelineEntry entry(EventMetadata metadata, SpecificRecord event, String detail) {
        return new TimelineEntry(metadata.getEventId(), event.getSchema().getName(), metadata.getOccurredAt(),
                metadata.getProducer(), detail);
    }

    private static OrderId id(String orderId) {
        return OrderId.parse(orderId);
    }
}
