package com.shopflow.messaging.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What is waiting in the outbox and what could not be published: backs the {@code shopflow.outbox.*} gauges (read
 * at most once per refresh interval, however often Prometheus scrapes) and the {@code outbox} actuator endpoint.
 */
public class OutboxMonitor {

    private static final String STATS = """
            select (select count(*) from outbox_event),
                   coalesce(extract(epoch from now() - (select min(created_at) from outbox_event)), 0),
                   (select count(*) from outbox_failed)""";

    private final JdbcTemplate jdbc;
    private final long refreshNanos;
    private volatile Snapshot snapshot = new Snapshot(0, 0, 0, 0);

    /** Registers the gauges; {@code refresh} is how long one database read serves scrapes. */
    public OutboxMonitor(JdbcTemplate jdbc, MeterRegistry meters, Duration refresh) {
        this.jdbc = jdbc;
        this.refreshNanos = refresh.toNanos();
        Gauge.builder("shopflow.outbox.backlog", this, m -> m.stats().backlog())
                .description("Outbox rows not yet published").register(meters);
        Gauge.builder("shopflow.outbox.oldest.age", this, m -> m.stats().oldestAgeSeconds())
                .description("Age of the oldest unpublished outbox row").baseUnit("seconds").register(meters);
        Gauge.builder("shopflow.outbox.failed", this, m -> m.stats().failed())
                .description("Outbox rows parked because they cannot be published").register(meters);
    }

    /** Backlog, oldest age and failed rows, at most one refresh interval old. */
    public Snapshot stats() {
        Snapshot current = snapshot;
        if (System.nanoTime() - current.readAt() > refreshNanos || current.readAt() == 0) {
            synchronized (this) {
                current = snapshot;
                if (System.nanoTime() - current.readAt() > refreshNanos || current.readAt() == 0) {
                    try {
                        current = jdbc.queryForObject(STATS, (rs, n) -> new Snapshot(rs.getLong(1),
                                rs.getDouble(2), rs.getLong(3), System.nanoTime()));
                        snapshot = current;
                    }
                    catch (RuntimeException ex) {
                        // A scrape must not fail because the database is briefly unreachable.
                        return current;
                    }
                }
            }
        }
        return current;
    }

    /** Rows parked in {@code outbox_failed}, oldest first (at most {@code limit}). */
    public List<FailedEvent> failed(int limit) {
        return jdbc.query("""
                select id, event_id, topic, record_key, event_type, sequence, created_at, failed_at, error
                from outbox_failed order by id limit ?""",
                (rs, n) -> new FailedEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6), rs.getTimestamp(7).toInstant(),
                        rs.getTimestamp(8).toInstant(), rs.getString(9)),
                limit);
    }

    /**
     * Moves the parked rows of one key back into the outbox (with their original ids, so in their original order)
     * for the relay to try again. Returns how many rows moved.
     */
    public int requeue(String topic, String key) {
        return jdbc.update("""
                with moved as (delete from outbox_failed where topic = ? and record_key = ? returning *)
                insert into outbox_event (id, event_id, topic, record_key, event_type, sequence, payload, traceparent,
                                          correlation_id, causation_id, created_at)
                select id, event_id, topic, record_key, event_type, sequence, payload, traceparent, correlation_id,
                       causation_id, created_at from moved""", topic, key);
    }

    /** One read of the outbox tables. */
    public record Snapshot(long backlog, double oldestAgeSeconds, long failed, long readAt) {
    }

    /** An outbox row the relay parked. */
    public record FailedEvent(long id, String eventId, String topic, String key, String eventType, long sequence,
            Instant createdAt, Instant failedAt, String error) {
    }
}
