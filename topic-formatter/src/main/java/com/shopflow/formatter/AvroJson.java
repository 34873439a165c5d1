package com.shopflow.formatter;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Writes a generic Avro datum as plain JSON for people: unions without their type wrapper, timestamps and dates as
 * ISO-8601 strings, decimals as exact numbers, bytes as base64.
 */
final class AvroJson {

    private AvroJson() {
    }

    static void write(Object datum, Schema schema, JsonGenerator json) throws IOException {
        switch (schema.getType()) {
            case NULL -> json.writeNull();
            case BOOLEAN -> json.writeBoolean((Boolean) datum);
            case INT -> writeInt((Integer) datum, schema.getLogicalType(), json);
            case LONG -> writeLong((Long) datum, schema.getLogicalType(), json);
            case FLOAT -> writeFloating(((Float) datum).doubleValue(), json);
            case DOUBLE -> writeFloating((Double) datum, json);
            case STRING -> json.writeString(datum.toString());
            case ENUM -> json.writeString(datum.toString());
            case BYTES -> writeBytes(bytes((ByteBuffer) datum), schema.getLogicalType(), json);
            case FIXED -> writeBytes(((GenericFixed) datum).bytes(), schema.getLogicalType(), json);
            case ARRAY -> {
                json.writeStartArray();
                for (Object element : (Collection<?>) datum) {
                    write(element, schema.getElementType(), json);
                }
                json.writeEndArray();
            }
            case MAP -> {
                json.writeStartObject();
                for (Map.Entry<?, ?> entry : ((Map<?, ?>) datum).entrySet()) {
                    json.writeFieldName(entry.getKey().toString());
                    write(entry.getValue(), schema.getValueType(), json);
                }
                json.writeEndObject();
            }
            case RECORD -> {
                IndexedRecord record = (IndexedRecord) datum;
                json.writeStartObject();
                for (Schema.Field field : schema.getFields()) {
                    json.writeFieldName(field.name());
                    write(record.get(field.pos()), field.schema(), json);
                }
                json.writeEndObject();
            }
            case UNION -> write(datum, schema.getTypes().get(GenericData.get().resolveUnion(schema, datum)), json);
        }
    }

    private static void writeInt(int value, LogicalType logicalType, JsonGenerator json) throws IOException {
        if (logicalType instanceof LogicalTypes.Date) {
            json.writeString(LocalDate.ofEpochDay(value).toString());
        }
        else if (logicalType instanceof LogicalTypes.TimeMillis) {
            json.writeString(LocalTime.ofNanoOfDay(value * 1_000_000L).toString());
        }
        else {
            json.writeNumber(value);
        }
    }

    private static void writeLong(long value, LogicalType logicalType, JsonGenerator json) throws IOException {
        String text = switch (logicalType) {
            case LogicalTypes.TimestampMillis ignored -> Instant.ofEpochMilli(value).toString();
            case LogicalTypes.TimestampMicros ignored -> Instant.EPOCH.plus(value, ChronoUnit.MICROS).toString();
            case LogicalTypes.TimestampNanos ignored -> Instant.EPOCH.plusNanos(value).toString();
            case LogicalTypes.LocalTimestampMillis ignored ->
                LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC).toString();
            case LogicalTypes.LocalTimestampMicros ignored ->
                LocalDateTime.ofInstant(Instant.EPOCH.plus(value, ChronoUnit.MICROS), ZoneOffset.UTC).toString();
            case LogicalTypes.LocalTimestampNanos ignored ->
                LocalDateTime.ofInstant(Instant.EPOCH.plusNanos(value), ZoneOffset.UTC).toString();
            case LogicalTypes.TimeMicros ignored -> LocalTime.ofNanoOfDay(value * 1_000L).toString();
            case null, default -> null;
        };
        if (text == null) {
            json.writeNumber(value);
        }
        else {
            json.writeString(text);
        }
    }

    private static void writeFloating(double value, JsonGenerator json) throws IOException {
        if (Double.isFinite(value)) {
            json.writeNumber(value);
        }
        else {
            json.writeString(Double.toString(value)); // JSON has no NaN or Infinity
        }
    }

    private static void writeBytes(byte[] bytes, LogicalType logicalType, JsonGenerator json) throws IOException {
        if (logicalType instanceof LogicalTypes.Decimal decimal) {
            json.writeNumber(new BigDecimal(new BigInteger(bytes), decimal.getScale()).toPlainString());
        }
        else if (logicalType != null && "uuid".equals(logicalType.getName()) && bytes.length == 16) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            json.writeString(new UUID(buffer.getLong(), buffer.getLong()).toString());
        }
        else {
            json.writeString(Base64.getEncoder().encodeToString(bytes));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
