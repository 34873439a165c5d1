package com.shopflow.events.compat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import com.shopflow.events.orders.OrderPlaced;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Bytes written with a published version are read by the current generated classes. */
class SchemaEvolutionTests {

    private static final Map<String, Schema> EVENTS = SchemaFiles.events(SchemaFiles.current(SchemaFiles.CURRENT_DIR));
    private static final Map<String, SortedMap<Integer, Schema>> PUBLISHED = SchemaFiles.published(SchemaFiles.COMPAT_DIR);

    @BeforeAll
    static void trustTheGeneratedEventClasses() {
        // Avro 1.12 only instantiates classes named in a schema when they are trusted; every specific reader of our
        // events needs this (or -Dorg.apache.avro.SERIALIZABLE_PACKAGES=com.shopflow.events).
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                type -> type.getName().startsWith("com.shopflow.events.")));
    }

    @Test
    void orderPlacedWrittenWithV1IsReadByTheCurrentGeneratedClass() throws IOException {
        Schema v1 = PUBLISHED.get("OrderPlaced").get(1);
        GenericRecord metadata = new GenericData.Record(v1.getField("metadata").schema());
        metadata.put("eventId", "0b9d8a7e-8f0c-4c59-9a57-1d2f6a1c0b11");
        metadata.put("occurredAt", 1_767_225_600_000L);
        metadata.put("correlationId", "order-1");
        metadata.put("causationId", null);
        metadata.put("producer", "order-service");
        metadata.put("sequence", 1L);
        Schema lineSchema = v1.getField("lines").schema().getElementType();
        GenericRecord line = new GenericData.Record(lineSchema);
        line.put("sku", "BOOK-1");
        line.put("quantity", 2);
        line.put("unitPriceMinor", 1250L);
        GenericRecord total = new GenericData.Record(v1.getField("total").schema());
        total.put("amountMinor", 2500L);
        total.put("currency", "EUR");
        GenericRecord written = new GenericData.Record(v1);
        written.put("metadata", metadata);
        written.put("orderId", "order-1");
        written.put("customerId", "customer-7");
        written.put("customerEmail", "ada@example.com");
        written.put("lines", List.of(line));
        written.put("total", total);
        written.put("placedAt", 1_767_225_600_123L);

        OrderPlaced read = new SpecificDatumReader<OrderPlaced>(v1, OrderPlaced.getClassSchema())
                .read(null, DecoderFactory.get().binaryDecoder(write(v1, written), null));

        assertThat(read.getOrderId()).isEqualTo("order-1");
        assertThat(read.getCustomerEmail()).isEqualTo("ada@example.com");
        assertThat(read.getMetadata().getEventId()).isEqualTo("0b9d8a7e-8f0c-4c59-9a57-1d2f6a1c0b11");
        assertThat(read.getMetadata().getCausationId()).isNull();
        assertThat(read.getMetadata().getOccurredAt()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_000L));
        assertThat(read.getLines()).singleElement().satisfies(l -> {
            assertThat(l.getSku()).isEqualTo("BOOK-1");
            assertThat(l.getQuantity()).isEqualTo(2);
            assertThat(l.getUnitPriceMinor()).isEqualTo(1250L);
        });
        assertThat(read.getTotal().getAmountMinor()).isEqualTo(2500L);
        assertThat(read.getTotal().getCurrency()).isEqualTo("EUR");
        assertThat(read.getPlacedAt()).isEqualTo(Instant.ofEpochMilli(1_767_225_600_123L));
    }

    @Test
    void everyPublishedVersionOfEveryEventIsReadByTheCurrentGeneratedClass() throws Exception {
        assertThat(PUBLISHED).isNotEmpty();
        for (Map.Entry<String, SortedMap<Integer, Schema>> event : PUBLISHED.entrySet()) {
            Class<?> generated = Class.forName(EVENTS.get(event.getKey()).getFullName());
            Schema readerSchema = SpecificData.get().getSchema(generated);
            for (Map.Entry<Integer, Schema> version : event.getValue().entrySet()) {
                GenericRecord written = (GenericRecord) sample(version.getValue(), "");

                Object read = new SpecificDatumReader<>(version.getValue(), readerSchema)
                        .read(null, DecoderFactory.get().binaryDecoder(write(version.getValue(), written), null));

                String label = event.getKey() + " v" + version.getKey();
                assertThat(read).as(label).isInstanceOf(generated);
                SpecificRecord record = (SpecificRecord) read;
                assertThat(record.get(readerSchema.getField("orderId").pos())).as(label).isEqualTo("orderId-sample");
                SpecificRecord metadata = (SpecificRecord) record.get(readerSchema.getField("metadata").pos());
                assertThat(metadata.get(metadata.getSchema().getField("eventId").pos())).as(label).isEqualTo("eventId-sample");
            }
        }
    }

    @Test
    void aFieldAddedWithADefaultTakesTheDefaultWhenReadingOldBytes() throws IOException {
        Schema v1 = PUBLISHED.get("PaymentDeclined").get(1);
        List<Schema.Field> fields = new ArrayList<>();
        v1.getFields().forEach(field -> fields.add(new Schema.Field(field, field.schema())));
        fields.add(new Schema.Field("retryable", Schema.create(Schema.Type.BOOLEAN), "Whether asking again may succeed.", false));
        Schema v2 = Schema.createRecord(v1.getName(), v1.getDoc(), v1.getNamespace(), false, fields);
        GenericRecord written = (GenericRecord) sample(v1, "");

        GenericRecord read = new GenericDatumReader<GenericRecord>(v1, v2)
                .read(null, DecoderFactory.get().binaryDecoder(write(v1, written), null));

        assertThat(read.get("retryable")).isEqualTo(false);
        assertThat(read.get("orderId")).hasToString("orderId-sample");
    }

    private static byte[] write(Schema schema, GenericRecord record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    /** A value of {@code schema} for any shape a published version may take; strings say which field they fill. */
    private static Object sample(Schema schema, String fieldName) {
        return switch (schema.getType()) {
            case RECORD -> {
                GenericRecord record = new GenericData.Record(schema);
                schema.getFields().forEach(field -> record.put(field.name(), sample(field.schema(), field.name())));
                yield record;
            }
            case ENUM -> new GenericData.EnumSymbol(schema, schema.getEnumSymbols().getLast());
            case ARRAY -> List.of(sample(schema.getElementType(), fieldName));
            case MAP -> Map.of("key", sample(schema.getValueType(), fieldName));
            case UNION -> sample(schema.getTypes().stream().filter(t -> t.getType() != Schema.Type.NULL).findFirst()
                    .orElse(schema.getTypes().getFirst()), fieldName);
            case STRING -> fieldName + "-sample";
            case BYTES -> ByteBuffer.wrap(new byte[] {1, 2, 3});
            case FIXED -> new GenericData.Fixed(schema, new byte[schema.getFixedSize()]);
            case INT -> 3;
            case LONG -> 1_767_225_600_000L;
            case FLOAT -> 1.5f;
            case DOUBLE -> 2.5d;
            case BOOLEAN -> true;
            case NULL -> null;
        };
    }
}
