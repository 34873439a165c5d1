package com.shopflow.chaos;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Raw access to the stack's topics: records as bytes with their headers (nothing is decoded, so poison reads like
 * any other record), raw re-publishing, and consumer-group lag.
 */
public final class Topics implements AutoCloseable {

    /** Which consumer groups read which topics (from the services' {@code @KafkaListener}s). */
    public static final Map<String, List<String>> GROUPS = orderedMap(
            "order-service", List.of("payments", "inventory"),
            "order-service-read-model", List.of("orders", "payments", "inventory"),
            "payment-service", List.of("orders"),
            "inventory-service", List.of("orders"),
            "notification-service", List.of("orders"));

    public static final List<String> EVENT_TOPICS = List.of("orders", "payments", "inventory");

    private final String bootstrap;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;

    public Topics(String bootstrapServers) {
        this.bootstrap = bootstrapServers;
        Properties adminConfig = new Properties();
        adminConfig.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        this.admin = Admin.create(adminConfig);
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        this.producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
    }

    public static List<String> groupsReading(String topic) {
        return GROUPS.entrySet().stream().filter(e -> e.getValue().contains(topic)).map(Map.Entry::getKey).toList();
    }

    /** Every record of the topic from the beginning up to its end offsets as they were when called. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return read(topic, Map.of());
    }

    /**
     * Records of the topic from a start offset per partition (beginning where none is given) up to the current end.
     */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, Map<Integer, Long> from) {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        if (ends.isEmpty()) {
            return records;
        }
        try (KafkaConsumer<byte[], byte[]> consumer = rawConsumer()) {
            consumer.assign(ends.keySet());
            consumer.seekToBeginning(ends.keySet());
            for (TopicPartition partition : ends.keySet()) {
                Long start = from.get(partition.partition());
                if (start != null) {
                    consumer.seek(partition, start);
                }
            }
            Map<TopicPartition, Long> remaining = new HashMap<>(ends);
            remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!remaining.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = ends.get(partition);
                    if (end != null && record.offset() < end) {
                        records.add(record);
                    }
                }
                remaining.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
            if (!remaining.isEmpty()) {
                throw new IllegalStateException("Could not read " + topic + " up to its end offsets: " + remaining);
            }
        }
        return records;
    }

    public Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            Set<TopicPartition> partitions = partitions(topic);
            if (partitions.isEmpty()) {
                return Map.of();
            }
            ListOffsetsResult result = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (TopicPartition partition : partitions) {
                ends.put(partition, result.partitionResult(partition).get(30, TimeUnit.SECONDS).offset());
            }
            return ends;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot list offsets of " + topic + ": " + e, e);
        }
    }

    /** The topic's partitions, none if it does not exist. */
    public Set<TopicPartition> partitions(String topic) throws InterruptedException, ExecutionException,
            TimeoutException {
        if (!admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
            return Set.of();
        }
        return admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions()
                .stream().map(p -> new TopicPartition(topic, p.partition())).collect(Collectors.toSet());
    }

    /** Lag per group and partition (end offset minus committed offset; a partition never committed counts fully). */
    public Map<String, Map<TopicPartition, Long>> lag() {
        Map<String, Map<TopicPartition, Long>> lag = new LinkedHashMap<>();
        try {
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (String topic : EVENT_TOPICS) {
                ends.putAll(endOffsets(topic));
            }
            for (Map.Entry<String, List<String>> group : GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
                Map<TopicPartition, Long> behind = new LinkedHashMap<>();
                for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                    if (!group.getValue().contains(end.getKey().topic())) {
                        continue;
                    }
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    long position = offset == null ? 0 : offset.offset();
                    if (end.getValue() - position > 0) {
                        behind.put(end.getKey(), end.getValue() - position);
                    }
                }
                lag.put(group.getKey(), behind);
            }
            return lag;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read consumer group offsets: " + e, e);
        }
    }

    /** The committed offset of a group on a partition, -1 when none. */
    public long committed(String group, TopicPartition partition) {
        try {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(partition);
            return offset == null ? -1 : offset.offset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Moves a group's committed offsets (the group must have no members, i.e. its service is stopped). */
    public void resetGroup(String group, Map<TopicPartition, Long> offsets) {
        try {
            admin.alterConsumerGroupOffsets(group, offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> new OffsetAndMetadata(e.getValue()))))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot reset " + group + ": " + e, e);
        }
    }

    /** Publishes raw bytes and headers to a partition (or by key when {@code partition} is null) and waits for the ack. */
    public RecordMetadata publish(String topic, Integer partition, byte[] key, byte[] value, Iterable<Header> headers) {
        try {
            return producer.send(new ProducerRecord<>(topic, partition, key, value, headers)).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot publish to " + topic + ": " + e, e);
        }
    }

    /** Publishes many raw records (their acks awaited together). */
    public int republish(List<ConsumerRecord<byte[], byte[]>> records) {
        List<java.util.concurrent.Future<RecordMetadata>> sent = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            sent.add(producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.key(),
                    record.value(), record.headers())));
        }
        for (var future : sent) {
            try {
                future.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Re-publishing failed: " + e, e);
            }
        }
        return sent.size();
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** spring-kafka writes the original partition (int) and offset (long) of a dead letter as big-endian bytes. */
    public static long numericHeader(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return -1;
        }
        byte[] bytes = header.value();
        return bytes.length == 4 ? ByteBuffer.wrap(bytes).getInt() : bytes.length == 8 ? ByteBuffer.wrap(bytes).getLong()
                : -1;
    }

    private KafkaConsumer<byte[], byte[]> rawConsumer() {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, List<String>> orderedMap(Object... pairs) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            List<String> value = (List<String>) pairs[i + 1];
            map.put((String) pairs[i], value);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
        admin.close(Duration.ofSeconds(10));
    }
}
