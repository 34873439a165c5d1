package com.shopflow.formatter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.MessageFormatter;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

/**
 * Prints each Kafka record whose value is Avro in the Confluent wire format as one JSON line, decoded through the
 * schema registry, for {@code kafka-console-consumer --formatter com.shopflow.formatter.AvroJsonFormatter}.
 *
 * <p>Formatter properties: {@code registry.url} (registry root, default {@code http://127.0.0.1:8080}),
 * {@code print.headers} ({@code false}), {@code registry.timeout.ms} ({@code 10000}).
 */
public class AvroJsonFormatter implements MessageFormatter {

    public static final String REGISTRY_URL = "registry.url";
    public static final String PRINT_HEADERS = "print.headers";
    public static final String REGISTRY_TIMEOUT_MS = "registry.timeout.ms";
    static final String DEFAULT_REGISTRY_URL = "http://127.0.0.1:8080";

    private final JsonFactory jsonFactory = new JsonFactory();
    private final DecoderFactory decoders = DecoderFactory.get();
    private final Map<Integer, GenericDatumReader<Object>> readers = new LinkedHashMap<>();
    private RegistrySchemas schemas;
    private boolean printHeaders;

    /** For the console consumer, which instantiates formatters reflectively and then calls {@link #configure}. */
    public AvroJsonFormatter() {
    }

    @Override
    public void configure(Map<String, ?> configs) {
        String url = text(configs.get(REGISTRY_URL), DEFAULT_REGISTRY_URL);
        Duration timeout = Duration.ofMillis(Long.parseLong(text(configs.get(REGISTRY_TIMEOUT_MS), "10000")));
        close();
        this.schemas = new RegistrySchemas(url, timeout);
        this.printHeaders = Boolean.parseBoolean(text(configs.get(PRINT_HEADERS), "false"));
    }

    @Override
    public void writeTo(ConsumerRecord<byte[], byte[]> record, PrintStream output) {
        byte[] line;
        try {
            line = format(record);
        }
        catch (RuntimeException ex) {
            // Whatever is on the topic, the consumer keeps going: a record we cannot show becomes an error line.
            line = errorLine(record, null, describe(ex));
        }
        output.write(line, 0, line.length);
        output.write('\n');
    }

    /** The JSON line for {@code record}, without the line break. */
    byte[] format(ConsumerRecord<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            return line(record, json -> json.writeNullField("value"));
        }
        Optional<WireFormat> wire = WireFormat.parse(value);
        if (wire.isEmpty()) {
            return errorLine(record, null, "value is not in the Confluent Avro wire format (no magic byte 0 and schema id)");
        }
        int schemaId = wire.get().schemaId();
        Schema schema;
        Object datum;
        try {
            schema = schemas().schema(schemaId);
        }
        catch (RegistrySchemas.LookupException ex) {
            return errorLine(record, schemaId, ex.getMessage());
        }
        try {
            datum = decode(schemaId, schema, wire.get());
        }
        catch (IOException | RuntimeException ex) {
            return errorLine(record, schemaId, "value does not decode with schema id " + Integer.toUnsignedString(schemaId)
                    + " (" + schema.getFullName() + "): " + describe(ex));
        }
        return line(record, json -> {
            json.writeStringField("eventType", schema.getName());
            json.writeNumberField("schemaId", Integer.toUnsignedLong(schemaId));
            json.writeFieldName("value");
            AvroJson.write(datum, schema, json);
        });
    }

    private RegistrySchemas schemas() {
        if (schemas == null) {
            configure(Map.of());
        }
        return schemas;
    }

    @Override
    public void close() {
        if (schemas != null) {
            schemas.close();
            schemas = null;
        }
    }

    private Object decode(int schemaId, Schema schema, WireFormat wire) throws IOException {
        GenericDatumReader<Object> reader = readers.computeIfAbsent(schemaId, id -> new GenericDatumReader<>(schema));
        BinaryDecoder decoder = decoders.binaryDecoder(wire.bytes(), wire.bodyOffset(), wire.bodyLength(), null);
        Object datum = reader.read(null, decoder);
        if (!decoder.isEnd()) {
            throw new IOException("bytes left over after the record");
        }
        return datum;
    }

    private byte[] errorLine(ConsumerRecord<byte[], byte[]> record, Integer schemaId, String error) {
        return line(record, json -> {
            if (schemaId != null) {
                json.writeNumberField("schemaId", Integer.toUnsignedLong(schemaId));
            }
            json.writeStringField("error", error);
            json.writeStringField("valueBase64", record.value() == null ? null : Base64.getEncoder().encodeToString(record.value()));
        });
    }

    private byte[] line(ConsumerRecord<byte[], byte[]> record, JsonBody body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = jsonFactory.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("topic", record.topic());
            json.writeNumberField("partition", record.partition());
            json.writeNumberField("offset", record.offset());
            if (record.timestampType() == TimestampType.NO_TIMESTAMP_TYPE || record.timestamp() < 0) {
                json.writeNullField("timestamp");
            }
            else {
                json.writeStringField("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
            }
            writeBytesField(json, "key", record.key());
            body.write(json);
            if (printHeaders) {
                writeHeaders(json, record);
            }
            json.writeEndObject();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    /** Headers by name; a name that occurs more than once gets an array of its values, in order. */
    private static void writeHeaders(JsonGenerator json, ConsumerRecord<byte[], byte[]> record) throws IOException {
        Map<String, List<byte[]>> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.computeIfAbsent(header.key(), key -> new ArrayList<>()).add(header.value());
        }
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, List<byte[]>> header : headers.entrySet()) {
            if (header.getValue().size() == 1) {
                writeBytesField(json, header.getKey(), header.getValue().getFirst());
            }
            else {
                json.writeArrayFieldStart(header.getKey());
                for (byte[] value : header.getValue()) {
                    writeBytes(json, value);
                }
                json.writeEndArray();
            }
        }
        json.writeEndObject();
    }

    private static void writeBytesField(JsonGenerator json, String name, byte[] bytes) throws IOException {
        json.writeFieldName(name);
        writeBytes(json, bytes);
    }

    /** UTF-8 text as a string (keys and headers almost always are); anything else as {@code {"base64": "..."}}. */
    private static void writeBytes(JsonGenerator json, byte[] bytes) throws IOException {
        if (bytes == null) {
            json.writeNull();
            return;
        }
        try {
            json.writeString(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString());
        }
        catch (CharacterCodingException ex) {
            json.writeStartObject();
            json.writeStringField("base64", Base64.getEncoder().encodeToString(bytes));
            json.writeEndObject();
        }
    }

    private static String describe(Throwable ex) {
        String message = ex.getMessage();
        return message == null || message.isBlank() ? ex.getClass().getSimpleName() : ex.getClass().getSimpleName() + ": " + message;
    }

    private static String text(Object value, String fallback) {
        return value == null || value.toString().isBlank() ? fallback : value.toString().strip();
    }

    @FunctionalInterface
    private interface JsonBody {

        void write(JsonGenerator json) throws IOException;
    }
}
