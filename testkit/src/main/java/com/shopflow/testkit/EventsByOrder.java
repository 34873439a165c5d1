package com.shopflow.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads what was published about given orders: the events on a topic whose {@code orderId} field matches. */
public final class EventsByOrder {

    private EventsByOrder() {
    }

    /** Every event on the topic (at call time, oldest first) that belongs to one of the orders. */
    public static List<SpecificRecord> read(TestEvents events, String topic, Set<String> orderIds, Duration timeout) {
        return events.readAll(topic, timeout).stream()
                .map(ConsumerRecord::value)
                .filter(SpecificRecord.class::isInstance)
                .map(SpecificRecord.class::cast)
                .filter(event -> orderIds.contains(orderIdOf(event)))
                .toList();
    }

    /** Simple class names of the order's events on the topic, oldest first, e.g. {@code [StockReserved]}. */
    public static List<String> typeNames(TestEvents events, String topic, String orderId, Duration timeout) {
        return read(events, topic, Set.of(orderId), timeout).stream()
                .map(event -> event.getClass().getSimpleName())
                .toList();
    }

    /** The event's {@code orderId} field, or {@code null} if it has none. */
    public static String orderIdOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("orderId");
        return field == null ? null : String.valueOf(event.get(field.pos()));
    }
}
