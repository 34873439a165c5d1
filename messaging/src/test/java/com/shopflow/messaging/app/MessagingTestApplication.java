package com.shopflow.messaging.app;

import com.shopflow.messaging.outbox.TraceContext;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/** A minimal service using the messaging library the way shopflow's services do. */
@SpringBootApplication
public class MessagingTestApplication {

    /** Lets a test choose the trace context an append sees, without a tracing bridge. */
    public static final ThreadLocal<String> TRACEPARENT = new ThreadLocal<>();

    @Bean
    TraceContext testTraceContext() {
        return TRACEPARENT::get;
    }
}
