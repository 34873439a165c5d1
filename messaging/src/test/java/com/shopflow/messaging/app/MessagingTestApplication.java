package com.shopflow.messaging.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A minimal service using the messaging library the way shopflow's services do (with a real OpenTelemetry tracer). */
@SpringBootApplication
public class MessagingTestApplication {
}
