package com.shopflow.messaging.app;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.messaging.MessageContext;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.messaging.outbox.Outbox;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Listeners of the test service: record each applied event, can fail on purpose, can append a follow-up. */
@Component
public class TestListener {

    /** Consumer (and group) of the batch listener. */
    public static final String BATCH_CONSUMER = "messaging-batch-tests";
    /** Consumer group of a listener that is never started, so never sees an event. */
    public static final String IDLE_CONSUMER = "messaging-idle";

    private static final Logger log = LoggerFactory.getLogger(TestListener.class);

    /** Keys whose handling fails with a transient database error this many more times. */
    public final Map<String, AtomicInteger> transientFailures = new ConcurrentHashMap<>();
    /** Keys whose handling is rejected as invalid (not retryable). */
    public final Set<String> rejected = ConcurrentHashMap.newKeySet();
    /** Handling attempts per key. */
    public final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    /** Trace id of the span current in the effect, per key. */
    public final Map<String, String> traceIds = new ConcurrentHashMap<>();

    private final Inbox inbox;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;
    private final Tracer tracer;

    TestListener(Inbox inbox, Outbox outbox, JdbcTemplate jdbc, Tracer tracer) {
        this.inbox = inbox;
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.tracer = tracer;
    }

    @KafkaListener(topics = "inbox-test", groupId = "messaging-tests")
    void on(ConsumerRecord<String, SpecificRecord> record) {
        attempts.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
        inbox.handle("messaging-tests", record, () -> {
            NotificationSent event = (NotificationSent) record.value();
            log.info("Applying {} of {}", event.getMetadata().getEventId(), record.key());
            Span span = tracer.currentSpan();
            if (span != null) {
                traceIds.put(record.key(), span.context().traceId());
            }
            if (rejected.contains(record.key())) {
                throw new IllegalArgumentException("rejected " + record.key());
            }
            AtomicInteger failures = transientFailures.get(record.key());
            jdbc.update("insert into test_effect (event_id, record_key, sequence, mdc_correlation, causation_seen)"
                    + " values (?::uuid, ?, ?, ?, ?)", event.getMetadata().getEventId(), record.key(),
                    event.getMetadata().getSequence(), MDC.get(Inbox.MDC_CORRELATION_ID),
                    MessageContext.current().map(c -> c.metadata().getEventId()).orElse(null));
            // After the insert, so a failure proves the effect's writes roll back with the inbox entry.
            if (failures != null && failures.getAndDecrement() > 0) {
                throw new TransientDataAccessResourceException("simulated transient failure for " + record.key());
            }
            if (record.key().startsWith("chain-")) {
                outbox.append("followup-test", record.key(), metadata -> NotificationSent.newBuilder(event)
                        .setMetadata(metadata).build());
            }
        });
    }

    @KafkaListener(topics = "batch-test", groupId = BATCH_CONSUMER, batch = "true")
    void onBatch(List<ConsumerRecord<String, SpecificRecord>> records) {
        inbox.handleAll(BATCH_CONSUMER, records, record -> applyBatchEffect(record));
    }

    @KafkaListener(id = "idle-listener", topics = "idle-test", groupId = IDLE_CONSUMER, autoStartup = "false")
    void idle(ConsumerRecord<String, SpecificRecord> record) {
        throw new IllegalStateException("the idle listener is never started");
    }

    /** The effect of the batch listener: one row per application, no unique key (a second one would show). */
    public void applyBatchEffect(ConsumerRecord<String, ? extends SpecificRecord> record) {
        jdbc.update("insert into test_batch_effect (event_id, record_key) values (?::uuid, ?)",
                Inbox.metadataOf(record.value()).getEventId(), record.key());
    }
}
