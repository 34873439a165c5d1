package com.shopflow.endtoend;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.shopflow.formatter.AvroJsonFormatter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * Reads a topic from the beginning to its current end, as raw bytes, and prints every record through the same
 * {@link AvroJsonFormatter} that {@code ./stack topic} hands to Kafka's console consumer.
 */
final class TopicDump {

    /** One formatted record: the JSON line exactly as printed, and its parsed form. */
    record Line(String text, JsonNode json) {
    }

    private TopicDump() {
    }

    static List<Line> read(String bootstrapServers, String registryUrl, String topic) {
        return read(bootstrapServers, registryUrl, topic, false);
    }

    /** The same, with each record's Kafka headers in a {@code headers} object when {@code headers} is true. */
    static List<Line> read(String bootstrapServers, String registryUrl, String topic, boolean headers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "end-to-end-" + UUID.randomUUID());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<Line> lines = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             AvroJsonFormatter formatter = new AvroJsonFormatter()) {
            formatter.configure(Map.of(AvroJsonFormatter.REGISTRY_URL, registryUrl,
                    AvroJsonFormatter.PRINT_HEADERS, Boolean.toString(headers)));
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError("Could not read " + topic + " to its end " + end + " within 30 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String text = format(formatter, record);
                    lines.add(new Line(text, JsonHttp.JSON.readTree(text)));
                }
            }
        }
        return lines;
    }

    private static String format(AvroJsonFormatter formatter, ConsumerRecord<byte[], byte[]> record) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            formatter.writeTo(record, out);
        }
        return bytes.toString(StandardCharsets.UTF_8).strip();
    }
}
