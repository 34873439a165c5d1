package com.shopflow.messaging.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import org.springframework.kafka.support.KafkaHeaders;

/**
 * Lists the records of a {@code <topic>.DLT} with their dead-letter headers decoded, and replays one to its original
 * topic with its original bytes and headers. A replay goes through the consumer's inbox like any record, so replaying
 * an event that was processed meanwhile is a no-op.
 */
public class DeadLetters implements AutoCloseable {

    /** Suffix of dead-letter topics. */
    public static final String SUFFIX = ".DLT";

    private final Map<String, Object> consumerConfig;
    private final Producer<String, byte[]> producer;

    /**
     * @param consumerConfig Kafka consumer settings (bootstrap servers etc.); deserializers and group are replaced
     * @param producer       a producer of raw bytes for replays
     */
    public DeadLetters(Map<String, Object> consumerConfig, Producer<String, byte[]> producer) {
        Map<String, Object> config = new HashMap<>(consumerConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        config.remove(ConsumerConfig.ISOLATION_LEVEL_CONFIG);
        this.consumerConfig = config;
        this.producer = producer;
    }

    /** The dead-letter topic of {@code topic} ({@code orders} and {@code orders.DLT} both give {@code orders.DLT}). */
    public static String dltOf(String topic) {
        return topic.endsWith(SUFFIX) ? topic : topic + SUFFIX;
    }

    /** Up to {@code limit} records of the dead-letter topic of {@code topic}, oldest first per partition. */
    public List<DeadLetter> list(String topic, int limit) {
        String dlt = dltOf(topic);
        List<DeadLetter> result = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            List<PartitionInfo> partitions = consumer.partitionsFor(dlt, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return result;
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (result.size() < limit && !reachedEnd(consumer, end) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (result.size() < limit) {
                        result.add(DeadLetter.of(record));
                    }
                }
            }
        }
        return result;
    }

    /** The record at {@code partition}/{@code offset} of the dead-letter topic of {@code topic}, if it exists. */
    public Optional<DeadLetter> find(String topic, int partition, long offset) {
        return read(dltOf(topic), partition, offset).map(DeadLetter::of);
    }

    /**
     * Publishes the dead letter at {@code partition}/{@code offset} back to its original topic: same key, same value
     * bytes, original headers without the {@code kafka_dlt-*} ones. Empty when there is no such record.
     */
    public Optional<Replayed> replay(String topic, int partition, long offset) {
        Optional<ConsumerRecord<String, byte[]>> found = read(dltOf(topic), partition, offset);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsumerRecord<String, byte[]> record = found.get();
        String original = text(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC));
        if (original == null) {
            original = record.topic().substring(0, record.topic().length() - SUFFIX.length());
        }
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("springDeserializerException")) {
                headers.add(header);
            }
        }
        try {
            var sent = producer.send(new ProducerRecord<>(original, null, record.key(), record.value(), headers))
                    .get(30, TimeUnit.SECONDS);
            return Optional.of(new Replayed(sent.topic(), sent.partition(), sent.offset()));
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while replaying", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("Replaying " + record.topic() + "-" + partition + "@" + offset
                    + " failed", ex);
        }
    }

    private Optional<ConsumerRecord<String, byte[]>> read(String dlt, int partition, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            TopicPartition tp = new TopicPartition(dlt, partition);
            List<PartitionInfo> partitions = consumer.partitionsFor(dlt, Duration.ofSeconds(10));
            if (partitions == null || partitions.stream().noneMatch(p -> p.partition() == partition)) {
                return Optional.empty();
            }
            consumer.assign(List.of(tp));
            long end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(10)).get(tp);
            if (offset < 0 || offset >= end) {
                return Optional.empty();
            }
            consumer.seek(tp, offset);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(record);
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static boolean reachedEnd(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    static String text(Header header) {
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** A producer of raw bytes for replays. */
    public static Producer<String, byte[]> replayProducer(Map<String, Object> producerConfig) {
        Map<String, Object> config = new HashMap<>(producerConfig);
        config.remove("transactional.id");
        config.put("key.serializer", org.apache.kafka.common.serialization.StringSerializer.class);
        config.put("value.serializer", org.apache.kafka.common.serialization.ByteArraySerializer.class);
        config.put("acks", "all");
        return new KafkaProducer<>(config);
    }

    /**
     * One dead letter.
     *
     * @param topic             the dead-letter topic
     * @param partition         its partition there
     * @param offset            its offset there
     * @param key               record key
     * @param timestamp         when it was dead-lettered
     * @param originalTopic     where it came from ({@code kafka_dlt-original-topic})
     * @param originalPartition ({@code kafka_dlt-original-partition})
     * @param originalOffset    ({@code kafka_dlt-original-offset})
     * @param exceptionClass    ({@code kafka_dlt-exception-fqcn}, the cause's class when present)
     * @param exceptionMessage  ({@code kafka_dlt-exception-message})
     * @param headers           every header, binary ones as base64 (prefixed {@code base64:})
     * @param valueBase64       the record's bytes, base64
     */
    public record DeadLetter(String topic, int partition, long offset, String key, Instant timestamp,
            String originalTopic, Integer originalPartition, Long originalOffset, String exceptionClass,
            String exceptionMessage, Map<String, String> headers, String valueBase64) {

        static DeadLetter of(ConsumerRecord<String, byte[]> record) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), decode(header));
            }
            String causeClass = text(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN));
            return new DeadLetter(record.topic(), record.partition(), record.offset(), record.key(),
                    Instant.ofEpochMilli(record.timestamp()),
                    text(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_TOPIC)),
                    intHeader(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_PARTITION)),
                    longHeader(record.headers().lastHeader(KafkaHeaders.DLT_ORIGINAL_OFFSET)),
                    causeClass != null ? causeClass
                            : text(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_FQCN)),
                    text(record.headers().lastHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE)),
                    headers,
                    record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        }

        private static String decode(Header header) {
            String key = header.key();
            byte[] value = header.value();
            if (value == null) {
                return null;
            }
            if (key.equals(KafkaHeaders.DLT_ORIGINAL_PARTITION) && value.length == 4) {
                return Integer.toString(ByteBuffer.wrap(value).getInt());
            }
            if ((key.equals(KafkaHeaders.DLT_ORIGINAL_OFFSET) || key.equals(KafkaHeaders.DLT_ORIGINAL_TIMESTAMP))
                    && value.length == 8) {
                return Long.toString(ByteBuffer.wrap(value).getLong());
            }
            if (key.startsWith("springDeserializerException") || key.equals(KafkaHeaders.DLT_EXCEPTION_STACKTRACE)
                    && value.length > 4096) {
                return "base64:" + Base64.getEncoder().encodeToString(value);
            }
            return new String(value, StandardCharsets.UTF_8);
        }

        private static Integer intHeader(Header header) {
            return header == null || header.value() == null || header.value().length != 4 ? null
                    : ByteBuffer.wrap(header.value()).getInt();
        }

        private static Long longHeader(Header header) {
            return header == null || header.value() == null || header.value().length != 8 ? null
                    : ByteBuffer.wrap(header.value()).getLong();
        }
    }

    /** Where a replayed record landed. */
    public record Replayed(String topic, int partition, long offset) {
    }
}
