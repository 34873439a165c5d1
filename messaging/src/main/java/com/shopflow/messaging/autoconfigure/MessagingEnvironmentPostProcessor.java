package com.shopflow.messaging.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every shopflow service shares that are Boot properties: observation on listener containers and templates
 * (so the {@code traceparent} the relay writes continues the trace in the consumer), tracing, the log line's trace
 * and correlation ids, and no Logback event meters. Lowest precedence: a service can override them.
 */
public class MessagingEnvironmentPostProcessor implements EnvironmentPostProcessor {

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("shopflowMessagingDefaults", Map.of(
                "spring.kafka.listener.observation-enabled", "true",
                "spring.kafka.template.observation-enabled", "true",
                "spring.kafka.consumer.auto-offset-reset", "earliest",
                // Offsets are committed at most every 100 ms instead of after every poll: at a few records per poll
                // that was one commit request per record. Safe because every listener goes through the inbox: what a
                // crash leaves uncommitted is redelivered and skipped as a duplicate (or, by an idempotent projection,
                // written again to the same values).
                "spring.kafka.listener.ack-mode", "time",
                "spring.kafka.listener.ack-time", "100ms",
                // every request and event is traced; spans leave the process only when an OTLP endpoint is set
                // (management.opentelemetry.tracing.export.otlp.endpoint, as docker-compose.yml does)
                "management.tracing.sampling.probability", "1.0",
                // Debian's Prometheus 2.42 (./stack up --with-monitoring) rejects a whole scrape over an exemplar on a
                // timer's _count; exemplars are accepted from Prometheus 2.43
                "management.tracing.exemplars.include", "none",
                // trace and span id on every line and, while an event is handled, its correlation id (inbox MDC)
                "logging.pattern.correlation", "[trace=%X{traceId:-} span=%X{spanId:-} corr=%X{correlationId:-}] ",
                // No logback_events_total: its turbo filter runs on every isDebugEnabled()/isTraceEnabled() of every
                // library, 3-4 % of a service's CPU under load (JFR), for a count no dashboard or alert reads (they
                // read the services' own meters). A service that sets its own excludes gets the meters back.
                "spring.autoconfigure.exclude",
                "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration")));
    }
}
