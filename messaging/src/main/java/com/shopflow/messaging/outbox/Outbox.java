package com.shopflow.messaging.outbox;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.messaging.MessageContext;
import com.shopflow.messaging.kafka.AvroEventSerializer;
import org.apache.avro.specific.SpecificRecord;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records an event in the caller's database transaction (transactional outbox); the relay publishes it to Kafka
 * after the commit. Behaves as {@code Propagation.MANDATORY}: calling it outside a transaction fails.
 */
public class Outbox {

    static final String NEXT_SEQUENCE = """
            insert into outbox_sequence (topic, record_key, last_sequence) values (?, ?, 1)
            on conflict (topic, record_key) do update set last_sequence = outbox_sequence.last_sequence + 1
            returning last_sequence""";

    static final String INSERT = """
            insert into outbox_event (event_id, topic, record_key, event_type, sequence, payload,
                                      traceparent, correlation_id, causation_id)
            values (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;
    private final AvroEventSerializer serializer;
    private final String producer;
    private final TraceContext traceContext;
    private final Clock clock;

    /**
     * @param jdbc         over the same DataSource as the service's transaction manager, so it joins its transaction
     * @param serializer   the registry-backed serializer
     * @param producer     this service's name (the metadata's {@code producer})
     * @param traceContext gives the current span's traceparent
     * @param clock        the time of {@code occurredAt}
     */
    public Outbox(JdbcTemplate jdbc, AvroEventSerializer serializer, String producer, TraceContext traceContext,
            Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.producer = producer;
        this.traceContext = traceContext;
        this.clock = clock;
    }

    /**
     * Appends the event built by {@code event} from fresh metadata, to be published to {@code topic} with
     * {@code key}. Must run inside the caller's transaction; the event is published only if it commits.
     *
     * @return the metadata the event was built with
     */
    public EventMetadata append(String topic, String key, Function<EventMetadata, ? extends SpecificRecord> event) {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalTransactionStateException(
                    "Outbox#append must run inside the caller's transaction (Propagation.MANDATORY)");
        }
        // The upsert takes a row lock on the key's counter: a second transaction appending for this key waits here
        // until the first commits, so per-key commit order equals sequence order equals outbox id order.
        Long sequence = jdbc.queryForObject(NEXT_SEQUENCE, Long.class, topic, key);
        MessageContext context = MessageContext.current().orElse(null);
        EventMetadata metadata = EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(clock.instant())
                .setCorrelationId(context != null ? context.metadata().getCorrelationId() : key)
                .setCausationId(context != null ? context.metadata().getEventId() : null)
                .setProducer(producer)
                .setSequence(Objects.requireNonNull(sequence))
                .build();
        SpecificRecord record = Objects.requireNonNull(event.apply(metadata), "event");
        byte[] payload = serializer.serialize(topic, record);
        String traceparent = traceContext.currentTraceparent();
        if (traceparent == null && context != null) {
            traceparent = context.traceparent();
        }
        jdbc.update(INSERT, metadata.getEventId(), topic, key, record.getSchema().getFullName(), sequence, payload,
                traceparent, metadata.getCorrelationId(), metadata.getCausationId());
        return metadata;
    }
}
