package com.shopflow.formatter;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroJsonTests {

    private static final Schema SCHEMA = new Schema.Parser().parse("""
            {"type": "record", "name": "Everything", "namespace": "test", "fields": [
              {"name": "text", "type": "string"},
              {"name": "maybe", "type": ["null", "string"]},
              {"name": "missing", "type": ["null", "string"]},
              {"name": "at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "atMicros", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "maybeAt", "type": ["null", {"type": "long", "logicalType": "timestamp-millis"}]},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["UNKNOWN", "BOOK"]}},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "attributes", "type": {"type": "map", "values": "long"}},
              {"name": "raw", "type": "bytes"},
              {"name": "ratio", "type": "double"},
              {"name": "flag", "type": "boolean"},
              {"name": "count", "type": "int"},
              {"name": "nested", "type": {"type": "record", "name": "Nested", "fields": [{"name": "n", "type": "long"}]}}
            ]}""");

    @Test
    void rendersEveryAvroTypeAsPlainJsonWithReadableLogicalTypes() throws IOException {
        GenericRecord nested = new GenericData.Record(SCHEMA.getField("nested").schema());
        nested.put("n", 7L);
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("text", new Utf8("say \"hi\"\n"));
        record.put("maybe", new Utf8("present"));
        record.put("missing", null);
        record.put("at", Instant.parse("2026-11-26T10:15:30.123Z").toEpochMilli());
        record.put("atMicros", 1_767_225_600_000_001L);
        record.put("maybeAt", Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        record.put("day", (int) LocalDate.parse("2026-11-26").toEpochDay());
        Schema price = SCHEMA.getField("price").schema();
        record.put("price", new Conversions.DecimalConversion().toBytes(new BigDecimal("12.50"), price, LogicalTypes.decimal(9, 2)));
        record.put("id", new Utf8("0b9d8a7e-8f0c-4c59-9a57-1d2f6a1c0b11"));
        record.put("kind", new GenericData.EnumSymbol(SCHEMA.getField("kind").schema(), "BOOK"));
        record.put("tags", List.of(new Utf8("a"), new Utf8("b")));
        record.put("attributes", Map.of(new Utf8("weight"), 250L));
        record.put("raw", ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}));
        record.put("ratio", Double.NaN);
        record.put("flag", true);
        record.put("count", 3);
        record.put("nested", nested);

        assertThat(render(record)).isEqualTo("{\"text\":\"say \\\"hi\\\"\\n\",\"maybe\":\"present\",\"missing\":null,"
                + "\"at\":\"2026-11-26T10:15:30.123Z\",\"atMicros\":\"2026-01-01T00:00:00.000001Z\","
                + "\"maybeAt\":\"2026-01-01T00:00:00Z\",\"day\":\"2026-11-26\",\"price\":12.50,"
                + "\"id\":\"0b9d8a7e-8f0c-4c59-9a57-1d2f6a1c0b11\",\"kind\":\"BOOK\",\"tags\":[\"a\",\"b\"],"
                + "\"attributes\":{\"weight\":250},\"raw\":\"AQL/\",\"ratio\":\"NaN\",\"flag\":true,\"count\":3,"
                + "\"nested\":{\"n\":7}}");
    }

    private static String render(GenericRecord record) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = new JsonFactory().createGenerator(out)) {
            AvroJson.write(record, SCHEMA, json);
        }
        return out.toString();
    }
}
