package com.shopflow.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.wire.WireFormat;

/**
 * Test-side producer and reader of Avro events through the real registry, in Confluent wire format (magic byte 0,
 * 4-byte content id, Avro binary) with subjects named {@code <topic>-<record full name>}, as the services write them.
 */
public final class TestEvents implements AutoCloseable {

    static {
        trustEventClasses();
    }

    private final String bootstrapServers;
    private final Map<String, Object> serdeConfig;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroKafkaSerializer<SpecificRecord> serializer;

    /** A producer and reader for the given broker and registry base URL; prefer {@link Infrastructure#events()}. */
    public TestEvents(String bootstrapServers, String registryUrl) {
        this.bootstrapServers = bootstrapServers;
        this.serdeConfig = serdeConfig(registryUrl);
        this.serializer = new AvroKafkaSerializer<>();
        this.serializer.configure(serdeConfig, false);
        Map<String, Object> producerConfig = new HashMap<>();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(producerConfig);
    }

    /**
     * The Apicurio serde settings that give Confluent wire format and TopicRecordName subjects; the same the messaging
     * library uses ({@link WireFormat}). Add {@code key.serializer}/{@code value.deserializer} etc. for your own clients.
     */
    public static Map<String, Object> serdeConfig(String registryUrl) {
        return WireFormat.serdeProperties(registryUrl);
    }

    /** Trusts the generated event classes in Avro 1.12 ({@link WireFormat#trustEventClasses()}). */
    public static void trustEventClasses() {
        WireFormat.trustEventClasses();
    }

    /** Event metadata as a producer's outbox would build it: fresh event id, now, no causation. */
    public static EventMetadata metadata(String correlationId, String producer, long sequence) {
        return EventMetadata.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setCorrelationId(correlationId)
                .setCausationId(null)
                .setProducer(producer)
                .setSequence(sequence)
                .build();
    }

    /** Serializes the event through the registry (registering its schema) and sends it; waits for the ack. */
    public RecordMetadata send(String topic, String key, SpecificRecord event) {
        return sendBytes(topic, key, serialize(topic, event));
    }

    /** Sends raw bytes as the value, e.g. a poison record that is not in wire format; waits for the ack. */
    public RecordMetadata sendBytes(String topic, String key, byte[] value) {
        try {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            throw new IllegalStateException("Could not send to " + topic, e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending to " + topic, e);
        }
        catch (TimeoutException e) {
            throw new IllegalStateException("No ack from the broker for " + topic + " within 30 s", e);
        }
    }

    /** The event in Confluent wire format, as {@link #send} would put it on the topic. */
    public byte[] serialize(String topic, SpecificRecord event) {
        return serializer.serialize(topic, event);
    }

    /**
     * Reads the topic from the beginning until an event of the given type matching the predicate arrives, and
     * returns it; fails with what it did see when none arrives within the timeout.
     */
    public <T> T await(String topic, Class<T> type, Predicate<? super T> matching, Duration timeout) {
        List<String> seen = new ArrayList<>();
        try (Reader reader = new Reader(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : reader.poll(deadline)) {
                    Object value = record.value();
                    if (type.isInstance(value) && matching.test(type.cast(value))) {
                        return type.cast(value);
                    }
                    if (seen.size() < 20) {
                        seen.add(describe(record));
                    }
                }
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " matching the condition on topic " + topic + " within "
                + timeout + "; saw " + (seen.isEmpty() ? "nothing" : seen));
    }

    /**
     * Everything on the topic at the time of the call, in partition order, values decoded to specific records (or the
     * raw {@code byte[]} for values that are not valid wire format). Waits up to the timeout for the topic to exist.
     */
    public List<ConsumerRecord<String, Object>> readAll(String topic, Duration timeout) {
        List<ConsumerRecord<String, Object>> all = new ArrayList<>();
        try (Reader reader = new Reader(topic)) {
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<TopicPartition, Long> end = reader.endOffsets(deadline);
            while (!reader.reached(end)) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end within " + timeout);
                }
                all.addAll(reader.poll(deadline));
            }
        }
        return all;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
        serializer.close();
    }

    private static String describe(ConsumerRecord<String, Object> record) {
        Object value = record.value();
        String type = value == null ? "null" : value instanceof byte[] bytes ? "bytes[" + bytes.length + "]"
                : value.getClass().getSimpleName();
        return type + "(key=" + record.key() + ")";
    }

    /** An assigned (group-less) consumer over all partitions of one topic, from the beginning. */
    private final class Reader implements AutoCloseable {

        private final String topic;
        private final KafkaConsumer<String, byte[]> consumer;
        private final AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        private List<TopicPartition> partitions = List.of();

        Reader(String topic) {
            this.topic = topic;
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            this.consumer = new KafkaConsumer<>(config);
            deserializer.configure(serdeConfig, false);
        }

        /** Assigns the topic's partitions once it exists; returns false while it does not. */
        private boolean assigned() {
            if (!partitions.isEmpty()) {
                return true;
            }
            List<PartitionInfo> infos = consumer.listTopics(Duration.ofSeconds(5)).get(topic);
            if (infos == null || infos.isEmpty()) {
                return false;
            }
            partitions = infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            return true;
        }

        List<ConsumerRecord<String, Object>> poll(long deadline) {
            if (!assigned()) {
                waitABit(deadline);
                return List.of();
            }
            long remaining = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(Math.min(200, remaining)));
            List<ConsumerRecord<String, Object>> decoded = new ArrayList<>(records.count());
            for (ConsumerRecord<String, byte[]> record : records) {
                decoded.add(new ConsumerRecord<>(record.topic(), record.partition(), record.offset(),
                        record.timestamp(), record.timestampType(), record.serializedKeySize(),
                        record.serializedValueSize(), record.key(), decode(record), record.headers(),
                        record.leaderEpoch()));
            }
            return decoded;
        }

        Map<TopicPartition, Long> endOffsets(long deadline) {
            while (!assigned()) {
                if (System.nanoTime() >= deadline) {
                    throw new AssertionError("Topic " + topic + " does not exist");
                }
                waitABit(deadline);
            }
            return consumer.endOffsets(partitions);
        }

        boolean reached(Map<TopicPartition, Long> end) {
            for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
                if (consumer.position(partition.getKey()) < partition.getValue()) {
                    return false;
                }
            }
            return true;
        }

        private Object decode(ConsumerRecord<String, byte[]> record) {
            byte[] value = record.value();
            if (value == null || value.length < 5 || value[0] != 0) {
                return value;
            }
            try {
                return deserializer.deserialize(record.topic(), record.headers(), value);
            }
            catch (RuntimeException notAvro) {
                return value;
            }
        }

        private void waitABit(long deadline) {
            // Polling a topic that does not exist yet: short, bounded pause between metadata look-ups.
            long pause = Math.min(100, Math.max(0, (deadline - System.nanoTime()) / 1_000_000));
            try {
                TimeUnit.MILLISECONDS.sleep(pause);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(1)));
            deserializer.close();
        }
    }
}
