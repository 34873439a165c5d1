package com.shopflow.web;

import java.io.IOException;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers every request with the id of the trace it runs in, as {@code X-Trace-Id}, so a user can quote it and an
 * operator find the whole trace (Jaeger, the services' log lines) from one response. Runs right after Spring's
 * server observation filter, which opens the request's span (continuing an incoming {@code traceparent}).
 */
public class TraceIdResponseFilter extends OncePerRequestFilter implements Ordered {

    /** The response header. */
    public static final String HEADER = "X-Trace-Id";

    // ServerHttpObservationFilter runs at HIGHEST_PRECEDENCE + 1; the span must be open before this one reads it.
    private static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 2;

    private final ObjectProvider<Tracer> tracer;

    public TraceIdResponseFilter(ObjectProvider<Tracer> tracer) {
        this.tracer = tracer;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Tracer current = tracer.getIfAvailable();
        Span span = current == null ? null : current.currentSpan();
        // An unsampled span still has a real trace id (the log lines carry it); a no-op tracer's is empty.
        String traceId = span == null ? null : span.context().traceId();
        if (traceId != null && !traceId.isEmpty()) {
            // Set before the chain: once the body is written the response is committed and headers are final.
            response.setHeader(HEADER, traceId);
        }
        chain.doFilter(request, response);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
