package com.shopflow.messaging.outbox;

import io.micrometer.tracing.Tracer;

/** The W3C {@code traceparent} of Micrometer Tracing's current span. */
public class TracerTraceContext implements TraceContext {

    private static final String ZEROS = "0000000000000000";

    private final Tracer tracer;

    /** Reads the current span of {@code tracer}. */
    public TracerTraceContext(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public String currentTraceparent() {
        io.micrometer.tracing.TraceContext context = tracer.currentTraceContext().context();
        if (context == null) {
            return null;
        }
        String traceId = context.traceId();
        if (traceId.length() == 16) {
            traceId = ZEROS + traceId;
        }
        boolean sampled = Boolean.TRUE.equals(context.sampled());
        return "00-" + traceId + "-" + context.spanId() + (sampled ? "-01" : "-00");
    }
}
