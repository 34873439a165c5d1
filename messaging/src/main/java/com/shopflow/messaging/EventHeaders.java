package com.shopflow.messaging;

/** Names of the Kafka headers the outbox relay writes on every event. */
public final class EventHeaders {

    /** W3C trace context of the transaction that appended the event. */
    public static final String TRACEPARENT = "traceparent";
    /** Saga id: the metadata's {@code correlationId}. */
    public static final String CORRELATION_ID = "shopflow-correlation-id";
    /** The metadata's {@code causationId}, absent when the event was caused by an API call. */
    public static final String CAUSATION_ID = "shopflow-causation-id";
    /** The event's unique id, the dedupe key. */
    public static final String EVENT_ID = "shopflow-event-id";
    /** Full name of the Avro record, e.g. {@code com.shopflow.events.orders.OrderPlaced}. */
    public static final String EVENT_TYPE = "shopflow-event-type";

    private EventHeaders() {
    }
}
