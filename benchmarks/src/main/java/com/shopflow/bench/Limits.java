package com.shopflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import com.shopflow.messaging.relay.OutboxRelay;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Measures what the machine itself allows, in the same run as our benchmarks: a raw Kafka producer, one Kafka hop,
 * and single-row PostgreSQL commits. Our figures are reported as ratios against these.
 */
public final class Limits {

    private Limits() {
    }

    /** Result of a raw producer run. */
    public record ProducerLimit(int records, int recordBytes, double recordsPerSecond) {
    }

    /** Latency of one Kafka hop (send to poll) at a fixed rate. */
    public record HopLatency(double ratePerSecond, Percentiles latency) {
    }

    /** Single-row insert+commit throughput of PostgreSQL with a number of connections. */
    public record PostgresTps(int connections, double transactionsPerSecond) {
    }

    /**
     * Sends {@code records} records of {@code recordBytes} bytes as fast as an idempotent {@code acks=all} producer
     * can, with the producer settings the outbox relay uses, and waits for every acknowledgement.
     */
    public static ProducerLimit kafkaProducer(String bootstrapServers, int recordBytes, int records) {
        return kafkaProducer(bootstrapServers, new byte[recordBytes], records);
    }

    /** As {@link #kafkaProducer(String, int, int)}, sending {@code value} as every record's value. */
    public static ProducerLimit kafkaProducer(String bootstrapServers, byte[] value, int records) {
        int recordBytes = value.length;
        String topic = "bench-limit-producer-" + UUID.randomUUID();
        createTopic(bootstrapServers, topic, 6);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            // warm-up: metadata, connections, JIT
            sendAll(producer, topic, value, Math.min(records / 10, 20_000));
            long start = System.nanoTime();
            sendAll(producer, topic, value, records);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new ProducerLimit(records, recordBytes, records / seconds);
        }
        finally {
            deleteTopic(bootstrapServers, topic);
        }
    }

    private static void sendAll(KafkaProducer<String, byte[]> producer, String topic, byte[] value, int records) {
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch acked = new CountDownLatch(records);
        for (int i = 0; i < records; i++) {
            producer.send(new ProducerRecord<>(topic, "key-" + (i % 10_000), value), (metadata, exception) -> {
                if (exception != null) {
                    failure.compareAndSet(null, exception);
                }
                acked.countDown();
            });
        }
        await(acked);
        if (failure.get() != null) {
            throw new IllegalStateException("raw producer failed", failure.get());
        }
    }

    /** Sends timestamped records at {@code ratePerSecond} for {@code duration} and measures send-to-poll latency. */
    public static HopLatency kafkaHop(String bootstrapServers, int recordBytes, int ratePerSecond, Duration duration) {
        String topic = "bench-limit-hop-" + UUID.randomUUID();
        createTopic(bootstrapServers, topic, 6);
        Histogram histogram = new Histogram(TimeUnit.SECONDS.toNanos(10), 3);
        long total = ratePerSecond * duration.toSeconds();
        AtomicLong received = new AtomicLong();
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, topic);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        // the services' listeners use the same fetch settings: return as soon as one record is there
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(bootstrapServers))) {
            Future<?> consuming = executor.submit(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
                    consumer.subscribe(List.of(topic));
                    long deadline = System.nanoTime() + duration.toNanos() + TimeUnit.SECONDS.toNanos(30);
                    while (received.get() < total && System.nanoTime() < deadline) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                            long sentAt = Long.parseLong(record.key());
                            histogram.recordValue(Math.max(0, System.nanoTime() - sentAt));
                            received.incrementAndGet();
                        }
                    }
                }
            });
            // let the consumer join its group before we start the clock
            producer.send(new ProducerRecord<>(topic, Long.toString(System.nanoTime()), new byte[recordBytes]));
            waitUntil(() -> received.get() >= 1, Duration.ofSeconds(30));
            histogram.reset();
            received.set(0);
            byte[] value = new byte[recordBytes];
            long interval = TimeUnit.SECONDS.toNanos(1) / ratePerSecond;
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = start + i * interval;
                long now;
                while ((now = System.nanoTime()) < due) {
                    LockSupport.parkNanos(due - now);
                }
                producer.send(new ProducerRecord<>(topic, Long.toString(System.nanoTime()), value));
            }
            consuming.get(duration.toSeconds() + 60, TimeUnit.SECONDS);
        }
        catch (Exception e) {
            throw new IllegalStateException("hop latency measurement failed", e);
        }
        finally {
            executor.shutdownNow();
            deleteTopic(bootstrapServers, topic);
        }
        return new HopLatency(ratePerSecond, Percentiles.ofNanos(histogram));
    }

    /**
     * Single-row insert+commit transactions per second with {@code connections} connections, each in its own thread,
     * for {@code duration}, on a scratch table that is dropped afterwards.
     */
    public static PostgresTps postgres(String jdbcUrl, String user, String password, int connections,
            Duration duration) {
        String table = "bench_limit_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("create table " + table + " (id bigserial primary key, payload text not null)");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        AtomicLong commits = new AtomicLong();
        ExecutorService executor = Executors.newFixedThreadPool(connections);
        try {
            long end = System.nanoTime() + duration.toNanos();
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                workers.add(executor.submit(() -> {
                    try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
                            PreparedStatement insert = connection
                                    .prepareStatement("insert into " + table + " (payload) values (?)")) {
                        connection.setAutoCommit(false);
                        while (System.nanoTime() < end) {
                            insert.setString(1, "x".repeat(64));
                            insert.executeUpdate();
                            connection.commit();
                            commits.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            long start = System.nanoTime();
            for (Future<?> worker : workers) {
                worker.get();
            }
            double seconds = Math.max(duration.toNanos(), System.nanoTime() - start) / 1e9;
            return new PostgresTps(connections, commits.get() / seconds);
        }
        catch (Exception e) {
            throw new IllegalStateException("postgres measurement failed", e);
        }
        finally {
            executor.shutdownNow();
            try (Connection admin = DriverManager.getConnection(jdbcUrl, user, password);
                    Statement statement = admin.createStatement()) {
                statement.execute("drop table if exists " + table);
            }
            catch (SQLException ignored) {
                // a scratch table left behind does no harm
            }
        }
    }

    /** The producer settings of the outbox relay, so the raw limit is comparable. */
    static Properties producerConfig(String bootstrapServers) {
        Properties config = new Properties();
        config.putAll(OutboxRelay.producerConfig(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers)));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-producer");
        return config;
    }

    static void createTopic(String bootstrapServers, String topic, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
            // a producer that starts before every partition has a leader fails with NotLeaderOrFollower
            waitUntil(() -> {
                try {
                    return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic)
                            .partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                }
                catch (Exception e) {
                    return false;
                }
            }, Duration.ofSeconds(30));
        }
        catch (Exception e) {
            throw new IllegalStateException("could not create " + topic, e);
        }
    }

    static void deleteTopic(String bootstrapServers, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
        }
        catch (Exception ignored) {
            // a scratch topic left behind does no harm
        }
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("timed out waiting for acknowledgements");
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }
}
