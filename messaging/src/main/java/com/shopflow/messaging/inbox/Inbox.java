package com.shopflow.messaging.inbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.messaging.EventHeaders;
import com.shopflow.messaging.MessageContext;
import com.shopflow.messaging.metrics.MessagingMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.ReceiverContext;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.core.log.LogAccessor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Idempotent consumer: runs a listener's effect and records the event in {@code processed_event} in one database
 * transaction, skipping duplicates and (by default) stale events. The listener returns only after the commit, so the
 * container commits the Kafka offset after the database.
 */
public class Inbox {

    /** MDC key of the consumed event's correlation id. */
    public static final String MDC_CORRELATION_ID = "correlationId";
    /** MDC key of the consumed event's id. */
    public static final String MDC_EVENT_ID = "eventId";

    // One round trip: the dedupe insert, and (only for a first delivery) the per-key high-water mark, which only
    // moves forward; "s" is empty when the event is older than what was already applied.
    private static final String RECORD = """
            with p as (
                insert into processed_event (consumer, event_id) values (?, ?)
                on conflict do nothing returning 1),
            s as (
                insert into inbox_sequence (consumer, topic, record_key, last_sequence)
                select ?, ?, ?, ? where exists (select 1 from p)
                on conflict (consumer, topic, record_key) do update set last_sequence = excluded.last_sequence
                where inbox_sequence.last_sequence < excluded.last_sequence
                returning 1)
            select (select count(*) from p) as fresh, (select count(*) from s) as advanced""";

    // StalePolicy.IGNORE: the dedupe insert alone.
    private static final String RECORD_UNORDERED = """
            insert into processed_event (consumer, event_id) values (?, ?) on conflict do nothing""";

    private static final Logger log = LoggerFactory.getLogger(Inbox.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(Inbox.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final ObservationRegistry observations;
    private final StalePolicy defaultStalePolicy;
    private final TopicEventTypes eventTypes;
    private final Map<String, ConsumerMeters> consumerMeters = new ConcurrentHashMap<>();

    /**
     * @param jdbc               over the DataSource of {@code transactions}' transaction manager
     * @param transactions       the service's transactions (JPA or JDBC), so the effect and the inbox row commit
     *                           together
     * @param meters             where duplicates, stale events and handler durations are counted
     * @param defaultStalePolicy what {@link #handle(String, ConsumerRecord, Runnable)} does with a stale event
     */
    public Inbox(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters,
            StalePolicy defaultStalePolicy) {
        this(jdbc, transactions, meters, defaultStalePolicy, TopicEventTypes.any());
    }

    /**
     * As {@link #Inbox(JdbcTemplate, TransactionTemplate, MeterRegistry, StalePolicy)}, refusing events that do
     * not belong on their topic ({@link UnexpectedEventException}, dead-lettered) instead of letting a listener skip
     * them silently.
     */
    public Inbox(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters,
            StalePolicy defaultStalePolicy, TopicEventTypes eventTypes) {
        this(jdbc, transactions, meters, ObservationRegistry.NOOP, defaultStalePolicy, eventTypes);
    }

    /**
     * As {@link #Inbox(JdbcTemplate, TransactionTemplate, MeterRegistry, StalePolicy, TopicEventTypes)}, observing
     * each event's handling in {@code observations}: a span that continues the record's {@code traceparent}, with
     * its trace id in the log lines, also for batch listeners (which spring-kafka does not observe per record).
     */
    public Inbox(JdbcTemplate jdbc, TransactionTemplate transactions, MeterRegistry meters,
            ObservationRegistry observations, StalePolicy defaultStalePolicy, TopicEventTypes eventTypes) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.meters = meters;
        this.observations = observations;
        this.defaultStalePolicy = defaultStalePolicy;
        this.eventTypes = eventTypes;
    }

    /** Runs {@code effect} once per event for {@code consumer}; duplicates and stale events are skipped. */
    public InboxOutcome handle(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record,
            Runnable effect) {
        return handle(consumer, record, defaultStalePolicy, effect);
    }

    /** Like {@link #handle(String, ConsumerRecord, Runnable)} with an explicit policy for stale events. */
    public InboxOutcome handle(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record,
            StalePolicy stalePolicy, Runnable effect) {
        return handle(consumer, record, stalePolicy, true, effect);
    }

    private InboxOutcome handle(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record,
            StalePolicy stalePolicy, boolean dedupe, Runnable effect) {
        checkBelongs(record);
        InboxOutcome outcome = Objects.requireNonNull(
                transactions.execute(status -> apply(consumer, record, stalePolicy, dedupe, effect)));
        count(consumer, outcome);
        return outcome;
    }

    /**
     * For batch listeners: handles the records in one transaction (one commit, so one WAL flush, for the whole
     * batch), each record exactly as {@link #handle(String, ConsumerRecord, Runnable)} would. Records are applied in
     * key order (stable, so each key's records keep their order): two batches locking rows by key then lock them in
     * the same order. If anything fails, the batch's transaction rolls back and the records are handled again one
     * transaction each, in their original order; the exception then names the failed record's index, so the
     * container commits the offsets before it (their transactions committed) and retries or dead-letters from it.
     */
    public <V extends SpecificRecord> List<InboxOutcome> handleAll(String consumer,
            List<ConsumerRecord<String, V>> records, Consumer<ConsumerRecord<String, V>> effect) {
        return handleAll(consumer, records, defaultStalePolicy, effect);
    }

    /** Like {@link #handleAll(String, List, Consumer)} with an explicit policy for stale events. */
    public <V extends SpecificRecord> List<InboxOutcome> handleAll(String consumer,
            List<ConsumerRecord<String, V>> records, StalePolicy stalePolicy,
            Consumer<ConsumerRecord<String, V>> effect) {
        return handleAll(consumer, records, stalePolicy, true, event -> true, effect);
    }

    /**
     * Like {@link #handleAll(String, List, Consumer)} for a consumer that acts on some of its topics' event types
     * only: a record of another type (one that belongs on its topic) is {@link InboxOutcome#IGNORED} without a
     * transaction or an inbox row (nothing is applied, so nothing can be applied twice); a batch of such records
     * costs the database nothing.
     *
     * @param actsOn the event classes {@code effect} acts on
     */
    public <V extends SpecificRecord> List<InboxOutcome> handleAll(String consumer,
            List<ConsumerRecord<String, V>> records, Collection<Class<?>> actsOn,
            Consumer<ConsumerRecord<String, V>> effect) {
        Set<Class<?>> types = Set.copyOf(actsOn);
        return handleAll(consumer, records, defaultStalePolicy, true, event -> types.contains(event.getClass()),
                effect);
    }

    /**
     * For an effect that is idempotent by itself (keyed upserts, inserts that ignore a conflict, like a read model's):
     * handles the records as {@link #handleAll(String, List, StalePolicy, Consumer)} does with
     * {@link StalePolicy#IGNORE} (one transaction, key order, one by one on failure, span and MDC per record), but
     * writes no {@code processed_event} row. A redelivery runs the effect again, so every outcome is
     * {@link InboxOutcome#APPLIED}; the effect is what makes it harmless.
     */
    public <V extends SpecificRecord> List<InboxOutcome> handleAllIdempotent(String consumer,
            List<ConsumerRecord<String, V>> records, Consumer<ConsumerRecord<String, V>> effect) {
        return handleAll(consumer, records, StalePolicy.IGNORE, false, event -> true, effect);
    }

    private <V extends SpecificRecord> List<InboxOutcome> handleAll(String consumer,
            List<ConsumerRecord<String, V>> records, StalePolicy stalePolicy, boolean dedupe,
            Predicate<? super V> actsOn, Consumer<ConsumerRecord<String, V>> effect) {
        InboxOutcome[] outcomes = new InboxOutcome[records.size()];
        // Indexes stay those of the whole poll: a failure must name its record's position in what the container sent.
        List<Integer> handled = new ArrayList<>(records.size());
        boolean allBelong = true;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, V> record = records.get(i);
            boolean belongs = belongs(record);
            if (belongs && !actsOn.test(record.value())) {
                outcomes[i] = InboxOutcome.IGNORED;
            }
            else {
                handled.add(i);
                allBelong &= belongs;
            }
        }
        if (handled.size() > 1 && allBelong) {
            try {
                List<Integer> byKey = handled.stream()
                        .sorted(Comparator.comparing(i -> records.get(i).key(),
                                Comparator.nullsFirst(Comparator.<String>naturalOrder())))
                        .toList();
                transactions.executeWithoutResult(status -> {
                    for (int i : byKey) {
                        ConsumerRecord<String, V> record = records.get(i);
                        outcomes[i] = apply(consumer, record, stalePolicy, dedupe, () -> effect.accept(record));
                    }
                });
                for (int i : handled) {
                    count(consumer, outcomes[i]);
                }
                return List.of(outcomes);
            }
            catch (RuntimeException ex) {
                // A poison record, a deadlock between two batches, a database outage: find the culprit one by one.
                log.debug("Batch of {} records for {} failed, handling them one by one: {}", handled.size(),
                        consumer, ex.toString());
            }
        }
        for (int i : handled) {
            ConsumerRecord<String, V> record = records.get(i);
            try {
                outcomes[i] = handle(consumer, record, stalePolicy, dedupe, () -> effect.accept(record));
            }
            catch (RuntimeException ex) {
                throw new BatchListenerFailedException("Handling " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + " failed", causeOf(record, ex), i);
            }
        }
        return List.of(outcomes);
    }

    // Runs inside the caller's transaction: dedupe, staleness, then the effect with the event's context, MDC and
    // span around it.
    private InboxOutcome apply(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record,
            StalePolicy stalePolicy, boolean dedupe, Runnable effect) {
        EventMetadata metadata = metadataOf(record.value());
        String previousCorrelation = MDC.get(MDC_CORRELATION_ID);
        String previousEvent = MDC.get(MDC_EVENT_ID);
        MDC.put(MDC_CORRELATION_ID, metadata.getCorrelationId());
        MDC.put(MDC_EVENT_ID, metadata.getEventId());
        Timer.Sample sample = Timer.start(meters);
        try {
            return Objects.requireNonNull(observation(consumer, record).observe(() -> {
                // Inside the event's span and correlation: with DEBUG on, every handled record shows its trace.
                log.debug("Handling {} {} from {}-{}@{} for {}", record.value().getSchema().getName(),
                        metadata.getEventId(), record.topic(), record.partition(), record.offset(), consumer);
                Step step = dedupe ? markProcessed(consumer, record, metadata, stalePolicy) : Step.UNRECORDED;
                if (!Objects.requireNonNull(step).fresh()) {
                    return InboxOutcome.DUPLICATE;
                }
                boolean stale = !step.advanced();
                if (stale && stalePolicy == StalePolicy.SKIP) {
                    // The event stays recorded as processed: a redelivery is then a plain duplicate.
                    return InboxOutcome.STALE;
                }
                MessageContext context = new MessageContext(consumer, record.topic(), record.key(), metadata,
                        header(record, EventHeaders.TRACEPARENT), stale);
                MessageContext.runWith(context, effect);
                return InboxOutcome.APPLIED;
            }));
        }
        finally {
            sample.stop(metersOf(consumer).duration());
            restore(MDC_CORRELATION_ID, previousCorrelation);
            restore(MDC_EVENT_ID, previousEvent);
        }
    }

    // Records the event as processed by the consumer: whether it is new, and whether it moved its key's sequence on.
    private Step markProcessed(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record,
            EventMetadata metadata, StalePolicy stalePolicy) {
        UUID eventId = UUID.fromString(metadata.getEventId());
        if (stalePolicy == StalePolicy.IGNORE) {
            boolean fresh = jdbc.update(RECORD_UNORDERED, consumer, eventId) > 0;
            // No sequence is kept, so no event counts as stale.
            return new Step(fresh, true);
        }
        return jdbc.queryForObject(RECORD, (rs, n) -> new Step(rs.getLong(1) > 0, rs.getLong(2) > 0),
                consumer, eventId, consumer, record.topic(), record.key(), metadata.getSequence());
    }

    // A consumer span per event, child of the producer's span in the record's headers (a no-op without tracing).
    private Observation observation(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record) {
        return Observation.createNotStarted("shopflow.inbox", () -> {
            ReceiverContext<ConsumerRecord<?, ?>> context = new ReceiverContext<>(
                    (carrier, key) -> header(carrier, key));
            context.setCarrier(record);
            context.setRemoteServiceName("kafka");
            return context;
        }, observations)
                .contextualName(record.topic() + " process")
                .lowCardinalityKeyValue("consumer", consumer)
                .lowCardinalityKeyValue("topic", record.topic());
    }

    private void checkBelongs(ConsumerRecord<String, ? extends SpecificRecord> record) {
        Objects.requireNonNull(record.value(), "record value (a deserialization failure must not reach the inbox)");
        if (!eventTypes.allows(record.topic(), record.value().getClass())) {
            throw new UnexpectedEventException(record.topic(), record.value().getClass().getName());
        }
    }

    private boolean belongs(ConsumerRecord<String, ? extends SpecificRecord> record) {
        return record.value() != null && eventTypes.allows(record.topic(), record.value().getClass());
    }

    // A batch listener receives a record whose value could not be deserialized with a null value and the failure in
    // a header: report that failure (not retryable, dead-lettered with its reason) rather than the null.
    private static Throwable causeOf(ConsumerRecord<String, ?> record, RuntimeException ex) {
        if (record.value() == null) {
            var failure = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
            if (failure != null) {
                return failure;
            }
        }
        return ex;
    }

    /**
     * Forgets everything {@code consumer} processed: its {@code processed_event} and {@code inbox_sequence} rows, so
     * that a replay of its topics from the beginning (a read-model rebuild) applies every event again. Joins the
     * caller's transaction when there is one (clear the model in the same one), else runs in its own.
     *
     * @return how many processed events were forgotten
     */
    public int forget(String consumer) {
        Objects.requireNonNull(consumer, "consumer");
        Integer forgotten = transactions.execute(status -> {
            int events = jdbc.update("delete from processed_event where consumer = ?", consumer);
            jdbc.update("delete from inbox_sequence where consumer = ?", consumer);
            return events;
        });
        return Objects.requireNonNull(forgotten);
    }

    /** Whether {@code record} is older than an event of the same key that {@code consumer} already applied. */
    public boolean isStale(String consumer, ConsumerRecord<String, ? extends SpecificRecord> record) {
        List<Long> last = jdbc.queryForList(
                "select last_sequence from inbox_sequence where consumer = ? and topic = ? and record_key = ?",
                Long.class, consumer, record.topic(), record.key());
        return !last.isEmpty() && last.get(0) >= metadataOf(record.value()).getSequence();
    }

    /** The {@code metadata} field every shopflow event carries. */
    public static EventMetadata metadataOf(SpecificRecord event) {
        Schema.Field field = event.getSchema().getField("metadata");
        if (field == null) {
            throw new IllegalArgumentException(event.getSchema().getFullName() + " has no metadata field");
        }
        return (EventMetadata) event.get(field.pos());
    }

    private void count(String consumer, InboxOutcome outcome) {
        if (outcome == InboxOutcome.DUPLICATE) {
            metersOf(consumer).duplicates().increment();
        }
        else if (outcome == InboxOutcome.STALE) {
            metersOf(consumer).stale().increment();
        }
    }

    // Both counters exist (at zero) from a consumer's first event on, so dashboards see a series rather than none.
    private ConsumerMeters metersOf(String consumer) {
        return consumerMeters.computeIfAbsent(consumer, name -> new ConsumerMeters(
                MessagingMeters.inboxDuplicates(meters, name), MessagingMeters.inboxStale(meters, name),
                Timer.builder("shopflow.handler.duration")
                        .description("Time to handle one consumed event, inbox bookkeeping included (a batch commits once for all)")
                        .tag("consumer", name)
                        .register(meters)));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void restore(String key, String previous) {
        if (previous == null) {
            MDC.remove(key);
        }
        else {
            MDC.put(key, previous);
        }
    }

    private record Step(boolean fresh, boolean advanced) {

        // Nothing was recorded, so the event counts as new and in order.
        static final Step UNRECORDED = new Step(true, true);
    }

    private record ConsumerMeters(Counter duplicates, Counter stale, Timer duration) {
    }
}
