package com.shopflow.messaging.inbox;

/**
 * A well-formed event of a type that does not belong on the topic it came from (e.g. a {@code StockReserved} on
 * {@code orders}). Not retryable: the error handler sends the record to the dead-letter topic.
 */
public class UnexpectedEventException extends IllegalArgumentException {

    /** {@code type} arrived on {@code topic}, which does not carry it. */
    public UnexpectedEventException(String topic, String type) {
        super(type + " does not belong on topic " + topic);
    }
}
