package com.shopflow.formatter;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shopflow.events.common.Money;
import com.shopflow.events.orders.OrderLine;
import com.shopflow.events.orders.OrderPlaced;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The formatter against a real broker and a real Apicurio Registry, directly and inside the stock console consumer. */
class AvroJsonFormatterInfrastructureTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Infrastructure INFRASTRUCTURE = Infrastructure.shared();

    @Test
    void printsAnOrderPlacedDecodedThroughTheRegistryAsOneJsonLine() throws Exception {
        String topic = newTopic("orders");
        OrderPlaced event = orderPlaced();
        byte[] value = INFRASTRUCTURE.events().serialize(topic, event);
        int schemaId = ByteBuffer.wrap(value, 1, 4).getInt();
        send(topic, event.getOrderId(), value, Map.of("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        ConsumerRecord<byte[], byte[]> record = readAll(topic, 1).getFirst();

        String out = print(formatter(true), record);

        assertThat(out).hasLineCount(1).endsWith("}\n");
        JsonNode line = JSON.readTree(out);
        assertThat(fieldNames(line)).containsExactly("topic", "partition", "offset", "timestamp", "key", "eventType",
                "schemaId", "value", "headers");
        assertThat(line.get("topic").asText()).isEqualTo(topic);
        assertThat(line.get("partition").asInt()).isZero();
        assertThat(line.get("offset").asLong()).isZero();
        assertThat(Instant.parse(line.get("timestamp").asText())).isEqualTo(Instant.ofEpochMilli(record.timestamp()));
        assertThat(line.get("key").asText()).isEqualTo(event.getOrderId());
        assertThat(line.get("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(line.get("schemaId").asInt()).isEqualTo(schemaId);
        assertThat(line.get("headers").get("traceparent").asText()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736");

        JsonNode decoded = line.get("value");
        assertThat(decoded.get("orderId").asText()).isEqualTo(event.getOrderId());
        assertThat(decoded.get("customerEmail").asText()).isEqualTo("ada@example.com");
        assertThat(decoded.get("metadata").get("eventId").asText()).isEqualTo(event.getMetadata().getEventId());
        assertThat(decoded.get("metadata").get("occurredAt").asText()).isEqualTo(event.getMetadata().getOccurredAt().toString());
        assertThat(decoded.get("metadata").get("causationId").isNull()).isTrue();
        assertThat(decoded.get("metadata").get("sequence").asLong()).isEqualTo(1);
        assertThat(decoded.get("lines")).hasSize(1);
        assertThat(decoded.get("lines").get(0).get("sku").asText()).isEqualTo("BOOK-1");
        assertThat(decoded.get("lines").get(0).get("quantity").asInt()).isEqualTo(2);
        assertThat(decoded.get("lines").get(0).get("unitPriceMinor").asLong()).isEqualTo(1250);
        assertThat(decoded.get("total").get("amountMinor").asLong()).isEqualTo(2500);
        assertThat(decoded.get("total").get("currency").asText()).isEqualTo("EUR");
        assertThat(decoded.get("placedAt").asText()).isEqualTo("2026-11-26T10:15:30.123Z");
    }

    @Test
    void printsAnErrorLineForEveryKindOfGarbageAndKeepsGoing() throws Exception {
        String topic = newTopic("garbage");
        byte[] valid = INFRASTRUCTURE.events().serialize(topic, orderPlaced());
        byte[] notWireFormat = "{\"hello\":\"json\"}".getBytes(StandardCharsets.UTF_8);
        byte[] unknownId = {0, 0x7f, 0x12, 0x34, 0x56, 2, 4};
        byte[] truncated = Arrays.copyOf(valid, 12);
        TestEvents events = INFRASTRUCTURE.events();
        events.sendBytes(topic, "k1", notWireFormat);
        events.sendBytes(topic, "k2", unknownId);
        events.sendBytes(topic, "k3", truncated);
        events.sendBytes(topic, "k4", valid);
        AvroJsonFormatter formatter = formatter(false);

        List<JsonNode> lines = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readAll(topic, 4)) {
            lines.add(JSON.readTree(print(formatter, record)));
        }

        assertThat(lines.get(0).get("error").asText()).contains("not in the Confluent Avro wire format");
        assertThat(lines.get(0).get("valueBase64").asText()).isEqualTo(base64(notWireFormat));
        assertThat(lines.get(1).get("error").asText()).contains("schema id " + 0x7f123456).contains("not known to the registry");
        assertThat(lines.get(1).get("schemaId").asLong()).isEqualTo(0x7f123456);
        assertThat(lines.get(1).get("valueBase64").asText()).isEqualTo(base64(unknownId));
        assertThat(lines.get(2).get("error").asText()).contains("does not decode").contains("com.shopflow.events.orders.OrderPlaced");
        assertThat(lines.get(2).get("valueBase64").asText()).isEqualTo(base64(truncated));
        assertThat(lines.get(3).has("error")).isFalse();
        assertThat(lines.get(3).get("eventType").asText()).isEqualTo("OrderPlaced");
    }

    @Test
    void theStockConsoleConsumerPrintsTheTopicThroughTheFormatter() throws Exception {
        String topic = newTopic("console");
        OrderPlaced event = orderPlaced();
        INFRASTRUCTURE.events().send(topic, event.getOrderId(), event);
        INFRASTRUCTURE.events().sendBytes(topic, "poison", new byte[] {1, 2, 3});

        List<String> lines = consoleConsumer(topic, 2,
                "--formatter", AvroJsonFormatter.class.getName(),
                "--formatter-property", "registry.url=" + INFRASTRUCTURE.registryUrl(),
                "--formatter-property", "print.headers=true");

        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.get("eventType").asText()).isEqualTo("OrderPlaced");
        assertThat(first.get("key").asText()).isEqualTo(event.getOrderId());
        assertThat(first.get("value").get("orderId").asText()).isEqualTo(event.getOrderId());
        assertThat(first.get("headers").isObject()).isTrue();
        JsonNode second = JSON.readTree(lines.get(1));
        assertThat(second.get("key").asText()).isEqualTo("poison");
        assertThat(second.get("valueBase64").asText()).isEqualTo("AQID");
    }

    /** Runs {@code org.apache.kafka.tools.consumer.ConsoleConsumer} as its own JVM and returns what it printed. */
    private static List<String> consoleConsumer(String topic, int maxMessages, String... formatterArgs) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", testClassPath(),
                "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", INFRASTRUCTURE.kafkaBootstrapServers(),
                "--topic", topic,
                // An assigned partition instead of a consumer group: no group join, so the child is done sooner.
                "--partition", "0",
                "--offset", "earliest",
                "--max-messages", Integer.toString(maxMessages),
                "--timeout-ms", "60000"));
        command.addAll(List.of(formatterArgs));
        Path log = Files.createDirectories(Path.of("target")).resolve("console-consumer-" + topic + ".log");
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        try {
            CompletableFuture<byte[]> stdout = CompletableFuture.supplyAsync(() -> {
                try {
                    return process.getInputStream().readAllBytes();
                }
                catch (IOException ex) {
                    throw new IllegalStateException(ex);
                }
            });
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("console consumer finished; its log: " + log).isTrue();
            assertThat(process.exitValue()).as("console consumer exit code; its log: " + log).isZero();
            return new String(stdout.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8).lines().toList();
        }
        finally {
            process.destroyForcibly();
        }
    }

    private static String testClassPath() {
        // Surefire starts the test JVM from a manifest-only jar; it hands the real class path over in this property.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return String.join(File.pathSeparator, classPath.split(File.pathSeparator));
    }

    private static AvroJsonFormatter formatter(boolean printHeaders) {
        AvroJsonFormatter formatter = new AvroJsonFormatter();
        formatter.configure(Map.of("registry.url", INFRASTRUCTURE.registryUrl(), "print.headers", Boolean.toString(printHeaders)));
        return formatter;
    }

    private static String print(AvroJsonFormatter formatter, ConsumerRecord<byte[], byte[]> record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            formatter.writeTo(record, stream);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static OrderPlaced orderPlaced() {
        String orderId = UUID.randomUUID().toString();
        return OrderPlaced.newBuilder()
                .setMetadata(TestEvents.metadata(orderId, "order-service", 1))
                .setOrderId(orderId)
                .setCustomerId("customer-7")
                .setCustomerEmail("ada@example.com")
                .setLines(List.of(OrderLine.newBuilder().setSku("BOOK-1").setQuantity(2).setUnitPriceMinor(1250).build()))
                .setTotal(Money.newBuilder().setAmountMinor(2500).setCurrency("EUR").build())
                .setPlacedAt(Instant.parse("2026-11-26T10:15:30.123Z").truncatedTo(ChronoUnit.MILLIS))
                .build();
    }

    private static String newTopic(String prefix) {
        String topic = prefix + "-" + UUID.randomUUID();
        INFRASTRUCTURE.createTopics(1, topic);
        return topic;
    }

    private static void send(String topic, String key, byte[] value, Map<String, String> headers) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRASTRUCTURE.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value);
            headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
    }

    /** The first {@code count} records of the single-partition topic, as the console consumer gets them: raw bytes. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int count) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, INFRASTRUCTURE.kafkaBootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            });
        }
        return records.subList(0, count);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
