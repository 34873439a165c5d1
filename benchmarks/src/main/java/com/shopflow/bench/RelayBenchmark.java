package com.shopflow.bench;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.relay.OutboxRelay;
import com.shopflow.messaging.relay.RelayConnections;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.HdrHistogram.Histogram;
import org.flywaydb.core.Flyway;

/**
 * Outbox relay benchmark: how fast the relay drains a committed backlog (beside a raw producer sending the same
 * bytes in the same run), and how long a committed row waits until Kafka acknowledged it, at a fixed commit rate.
 */
public final class RelayBenchmark {


    /** What to run. */
    public record Settings(String bootstrapServers, String jdbcBaseUrl, String user, String password, int backlog,
            int payloadBytes, int latencyRate, Duration latencyDuration, int batchSize) {
    }

    /** What came out, with the limits measured in the same run. */
    public record Result(Instant at, Settings settings, Limits.ProducerLimit rawProducer, double relayDrainPerSecond,
            double drainRatioToRawProducer, Percentiles commitToAck, double commitsPerSecondAchieved) {
    }

    private RelayBenchmark() {
    }

    /** Runs the whole benchmark on a fresh scratch database of the server behind {@code jdbcBaseUrl}. */
    public static Result run(Settings settings) throws Exception {
        String database = "bench_relay_" + System.currentTimeMillis();
        // a fresh topic per run: a killed run must not break the next one
        String topic = "bench-relay-" + System.currentTimeMillis();
        String jdbcUrl = Databases.create(settings.jdbcBaseUrl(), settings.user(), settings.password(), database);
        try {
            Flyway.configure().dataSource(jdbcUrl, settings.user(), settings.password())
                    .locations("classpath:db/messaging").load().migrate();
            Limits.createTopic(settings.bootstrapServers(), topic, 6);

            // the raw producer sends exactly the bytes the relay sends, so compression treats both alike
            Limits.ProducerLimit raw = Limits.kafkaProducer(settings.bootstrapServers(),
                    payload(settings.payloadBytes()), settings.backlog());
            double drain = drain(settings, jdbcUrl, topic);
            LatencyRun latency = commitToAck(settings, jdbcUrl, topic);
            return new Result(Instant.now(), settings, raw, drain, drain / raw.recordsPerSecond(),
                    latency.percentiles(), latency.achievedRate());
        }
        finally {
            Limits.deleteTopic(settings.bootstrapServers(), topic);
            Databases.drop(settings.jdbcBaseUrl(), settings.user(), settings.password(), database);
        }
    }

    /** Inserts the backlog in one transaction, then times the relay from start until Kafka acknowledged all of it. */
    private static double drain(Settings settings, String jdbcUrl, String topic) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, settings.user(), settings.password());
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox_event (event_id, topic, record_key, event_type, sequence, payload,
                                                  correlation_id)
                        select gen_random_uuid(), ?, 'order-' || (g % 10000), 'com.shopflow.events.orders.OrderPlaced',
                               g, ?, 'order-' || (g % 10000)
                        from generate_series(1, ?) g""")) {
            insert.setString(1, topic);
            insert.setBytes(2, payload(settings.payloadBytes()));
            insert.setInt(3, settings.backlog());
            insert.executeUpdate();
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long start = System.nanoTime();
        try (OutboxRelay relay = OutboxRelay.standalone(relaySettings(settings),
                RelayConnections.fromDriver(jdbcUrl, settings.user(), settings.password()),
                settings.bootstrapServers(), meters)) {
            relay.start();
            Limits.waitUntil(() -> meters.counter("shopflow.relay.sent").count() >= settings.backlog(),
                    Duration.ofMinutes(5));
            return settings.backlog() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private record LatencyRun(Percentiles percentiles, double achievedRate) {
    }

    /** Commits single-row transactions at a fixed rate and records commit → acknowledged for each row. */
    private static LatencyRun commitToAck(Settings settings, String jdbcUrl, String topic) throws SQLException {
        Map<Long, Long> committedAt = new ConcurrentHashMap<>();
        // an ack can come back before the inserting thread has noted the commit time: keep it until then
        Map<Long, Long> ackedEarly = new ConcurrentHashMap<>();
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(30), 3);
        long total = settings.latencyRate() * settings.latencyDuration().toSeconds();
        try (OutboxRelay relay = OutboxRelay.standalone(relaySettings(settings),
                RelayConnections.fromDriver(jdbcUrl, settings.user(), settings.password()),
                settings.bootstrapServers(), new SimpleMeterRegistry());
                Connection connection = DriverManager.getConnection(jdbcUrl, settings.user(), settings.password());
                PreparedStatement insert = connection.prepareStatement("""
                        insert into outbox_event (event_id, topic, record_key, event_type, sequence, payload,
                                                  correlation_id)
                        values (gen_random_uuid(), ?, ?, 'com.shopflow.events.orders.OrderPlaced', ?, ?, ?)
                        returning id""")) {
            relay.afterSend(ids -> {
                long now = System.nanoTime();
                synchronized (histogram) {
                    for (Long id : ids) {
                        Long at = committedAt.remove(id);
                        if (at != null) {
                            histogram.recordValue(Math.max(0, now - at));
                        }
                        else {
                            ackedEarly.put(id, now);
                        }
                    }
                }
            });
            relay.start();
            Limits.waitUntil(relay::isActive, Duration.ofSeconds(30));
            byte[] payload = payload(settings.payloadBytes());
            long interval = TimeUnit.SECONDS.toNanos(1) / settings.latencyRate();
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                String key = "order-" + (i % 1000);
                insert.setString(1, topic);
                insert.setString(2, key);
                insert.setLong(3, i + 1);
                insert.setBytes(4, payload);
                insert.setString(5, key);
                // autocommit: the statement is the transaction, so the row is committed when it returns
                try (ResultSet row = insert.executeQuery()) {
                    row.next();
                    long id = row.getLong(1);
                    long committed = System.nanoTime();
                    committedAt.put(id, committed);
                    Long acked = ackedEarly.remove(id);
                    if (acked != null && committedAt.remove(id) != null) {
                        synchronized (histogram) {
                            histogram.recordValue(Math.max(0, acked - committed));
                        }
                    }
                }
            }
            double achieved = total / ((System.nanoTime() - start) / 1e9);
            Limits.waitUntil(() -> histogram.getTotalCount() >= total || committedAt.isEmpty(),
                    Duration.ofSeconds(60));
            synchronized (histogram) {
                return new LatencyRun(Percentiles.ofNanos(histogram), achieved);
            }
        }
    }

    private static MessagingProperties.Relay relaySettings(Settings settings) {
        return new MessagingProperties.Relay(true, settings.batchSize(), Duration.ofMillis(500),
                Duration.ofMillis(100), Duration.ofSeconds(10), 7262319047716220001L);
    }

    /** A payload shaped like a real event: Confluent magic byte, 4-byte schema id, then Avro-like bytes. */
    static byte[] payload(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        bytes[0] = 0;
        return bytes;
    }

    /**
     * Command line: {@code --bootstrap 127.0.0.1:9092 --jdbc jdbc:postgresql://127.0.0.1:5432/postgres --user ...
     * --password ... --backlog 200000 --rate 1000 --seconds 20 --out benchmarks/results/relay.json}.
     */
    public static void main(String[] args) throws Exception {
        Arguments arguments = new Arguments(args);
        Settings settings = new Settings(arguments.get("bootstrap", "127.0.0.1:9092"),
                arguments.get("jdbc", "jdbc:postgresql://127.0.0.1:5432/postgres"), arguments.get("user", "postgres"),
                arguments.get("password", "postgres"), arguments.getInt("backlog", 200_000),
                arguments.getInt("payload-bytes", 300), arguments.getInt("rate", 1000),
                Duration.ofSeconds(arguments.getInt("seconds", 20)), arguments.getInt("batch-size", 2000));
        Result result = run(settings);
        Path out = Path.of(arguments.get("out", "benchmarks/results/relay.json"));
        Reports.writeJson(out, result);
        System.out.printf("""
                relay drain: %,.0f events/s (raw producer, same bytes: %,.0f records/s, ratio %.2f)
                commit -> ack at %d/s (achieved %.0f/s): p50 %.2f ms, p99 %.2f ms, max %.2f ms
                written to %s%n""", result.relayDrainPerSecond(), raw(result), result.drainRatioToRawProducer(),
                settings.latencyRate(), result.commitsPerSecondAchieved(), result.commitToAck().p50(),
                result.commitToAck().p99(), result.commitToAck().max(), out);
    }

    private static double raw(Result result) {
        return result.rawProducer().recordsPerSecond();
    }
}
