package com.shopflow.messaging.outbox;

/** Supplies the W3C {@code traceparent} of the current span, stored with each outbox row. */
@FunctionalInterface
public interface TraceContext {

    /** The {@code traceparent} of the current span, or {@code null} when no trace is active. */
    String currentTraceparent();

    /** A supplier for applications without tracing: the traceparent of the consumed event, if any. */
    static TraceContext none() {
        return () -> null;
    }
}
