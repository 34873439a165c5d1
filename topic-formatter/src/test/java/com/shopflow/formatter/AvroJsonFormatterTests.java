package com.shopflow.formatter;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The formatter's behaviour on records that need no schema: garbage, tombstones, keys and headers, a dead registry. */
class AvroJsonFormatterTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void printsBytesThatAreNotWireFormatAsAnErrorLineInsteadOfFailing() throws Exception {
        AvroJsonFormatter formatter = formatter(Map.of("registry.url", "http://127.0.0.1:1"));
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);

        String out = print(formatter, record("order-1", garbage, new RecordHeaders()));

        assertThat(out).endsWith("\n").hasLineCount(1);
        JsonNode line = JSON.readTree(out);
        assertThat(line.get("topic").asText()).isEqualTo("orders");
        assertThat(line.get("partition").asInt()).isEqualTo(3);
        assertThat(line.get("offset").asLong()).isEqualTo(42);
        assertThat(line.get("timestamp").asText()).isEqualTo("2026-11-26T10:15:30.123Z");
        assertThat(line.get("key").asText()).isEqualTo("order-1");
        assertThat(line.get("error").asText()).contains("not in the Confluent Avro wire format");
        assertThat(Base64.getDecoder().decode(line.get("valueBase64").asText())).isEqualTo(garbage);
        assertThat(line.has("value")).isFalse();
        assertThat(line.has("headers")).isFalse();
    }

    @Test
    void printsAnErrorLineWhenTheRegistryCannotBeReached() throws Exception {
        AvroJsonFormatter formatter = formatter(Map.of("registry.url", "http://127.0.0.1:1", "registry.timeout.ms", "2000"));
        byte[] wire = {0, 0, 0, 0, 7, 2, 4, 6};

        JsonNode line = JSON.readTree(print(formatter, record("order-1", wire, new RecordHeaders())));

        assertThat(line.get("schemaId").asLong()).isEqualTo(7);
        assertThat(line.get("error").asText()).contains("schema id 7").contains("not reachable");
        assertThat(line.get("valueBase64").asText()).isEqualTo(Base64.getEncoder().encodeToString(wire));
    }

    @Test
    void printsATombstoneWithANullValue() throws Exception {
        JsonNode line = JSON.readTree(print(formatter(Map.of()), record("order-1", null, new RecordHeaders())));

        assertThat(line.get("value").isNull()).isTrue();
        assertThat(line.has("error")).isFalse();
    }

    @Test
    void printsHeadersOnlyWhenAskedAndKeepsRepeatedAndBinaryOnes() throws Exception {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01".getBytes(StandardCharsets.UTF_8));
        headers.add("hop", "a".getBytes(StandardCharsets.UTF_8));
        headers.add("hop", "b".getBytes(StandardCharsets.UTF_8));
        headers.add("binary", new byte[] {(byte) 0xc3, (byte) 0x28});
        headers.add("empty", null);
        ConsumerRecord<byte[], byte[]> record = record("order-1", new byte[] {9}, headers);

        JsonNode without = JSON.readTree(print(formatter(Map.of("print.headers", "false")), record));
        JsonNode with = JSON.readTree(print(formatter(Map.of("print.headers", "true")), record));

        assertThat(without.has("headers")).isFalse();
        JsonNode printed = with.get("headers");
        assertThat(printed.get("traceparent").asText()).isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        assertThat(printed.get("hop")).hasSize(2);
        assertThat(printed.get("hop").get(1).asText()).isEqualTo("b");
        assertThat(printed.get("binary").get("base64").asText()).isEqualTo("wyg=");
        assertThat(printed.get("empty").isNull()).isTrue();
    }

    @Test
    void printsAKeyThatIsNotTextAsBase64() throws Exception {
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("orders", 0, 1, 1_764_000_000_000L, TimestampType.CREATE_TIME,
                2, 1, new byte[] {(byte) 0xff, 0}, new byte[] {1}, new RecordHeaders(), Optional.empty());

        JsonNode line = JSON.readTree(print(formatter(Map.of()), record));

        assertThat(line.get("key").get("base64").asText()).isEqualTo("/wA=");
    }

    @Test
    void readsWireFormatHeaders() {
        assertThat(WireFormat.parse(new byte[] {0, 0, 0, 1, 2, 99})).hasValueSatisfying(wire -> {
            assertThat(wire.schemaId()).isEqualTo(258);
            assertThat(wire.bodyLength()).isEqualTo(1);
        });
        assertThat(WireFormat.parse(new byte[] {0, 0, 0, 1})).isEmpty();
        assertThat(WireFormat.parse(new byte[] {1, 0, 0, 0, 1, 2})).isEmpty();
        assertThat(WireFormat.parse(null)).isEmpty();
    }

    private static AvroJsonFormatter formatter(Map<String, String> properties) {
        AvroJsonFormatter formatter = new AvroJsonFormatter();
        formatter.configure(properties);
        return formatter;
    }

    private static ConsumerRecord<byte[], byte[]> record(String key, byte[] value, RecordHeaders headers) {
        return new ConsumerRecord<>("orders", 3, 42, 1_795_688_130_123L, TimestampType.CREATE_TIME, key.length(),
                value == null ? -1 : value.length, key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    private static String print(AvroJsonFormatter formatter, ConsumerRecord<byte[], byte[]> record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            formatter.writeTo(record, stream);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
