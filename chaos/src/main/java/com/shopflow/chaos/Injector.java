package com.shopflow.chaos;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeader;

import com.shopflow.events.inventory.StockReserved;
import com.shopflow.events.payments.PaymentAuthorized;

/**
 * Puts records on the event topics behind the services' backs: exact raw duplicates of a slice, a replay of the oldest
 * records, and poison (garbage bytes, an unknown schema id, well-formed Avro of a type that does not belong there).
 */
public final class Injector {

    /** How a poison record is broken. */
    public enum PoisonKind { GARBAGE, UNKNOWN_SCHEMA_ID, WRONG_TYPE }

    /** A poison record as it sits on its topic, and what it is. */
    public record Poison(String topic, int partition, long offset, PoisonKind kind, String key, String description) { }

    public static final String POISON_HEADER = "chaos-poison";
    private static final String EVENT_TYPE = "shopflow-event-type";

    /** Which foreign event type is sent as wrong-type poison to each topic, and the topic it is copied from. */
    private static final Map<String, String[]> WRONG_TYPE = Map.of(
            "orders", new String[] {"inventory", StockReserved.class.getName()},
            "payments", new String[] {"inventory", StockReserved.class.getName()},
            "inventory", new String[] {"payments", PaymentAuthorized.class.getName()});

    private final Topics topics;
    private final SplittableRandom random = new SplittableRandom();

    public Injector(Topics topics) {
        this.topics = topics;
    }

    /** Re-publishes the last {@code perPartition} records of every partition of each topic, bytes and headers as they are. */
    public int duplicateTail(List<String> topicNames, int perPartition) {
        int sent = 0;
        for (String topic : topicNames) {
            Map<Integer, Long> from = topics.endOffsets(topic).entrySet().stream().collect(Collectors.toMap(
                    e -> e.getKey().partition(), e -> Math.max(0, e.getValue() - perPartition)));
            sent += topics.republish(withoutPoison(topics.read(topic, from)));
        }
        return sent;
    }

    /** Re-publishes the first {@code count} records of partition 0 of each topic: the oldest events arrive again. */
    public int replayOldest(List<String> topicNames, int count) {
        int sent = 0;
        for (String topic : topicNames) {
            List<ConsumerRecord<byte[], byte[]>> oldest = withoutPoison(topics.readAll(topic)).stream()
                    .filter(r -> r.partition() == 0).sorted(Comparator.comparingLong(ConsumerRecord::offset))
                    .limit(count).toList();
            sent += topics.republish(oldest);
        }
        return sent;
    }

    /** Publishes one poison record of each kind to each topic, keyed by a fresh order id no service has seen. */
    public List<Poison> poison(List<String> topicNames) {
        List<Poison> poisons = new ArrayList<>();
        for (String topic : topicNames) {
            for (PoisonKind kind : PoisonKind.values()) {
                String key = UUID.randomUUID().toString();
                byte[] value;
                String description;
                switch (kind) {
                    case GARBAGE -> {
                        value = new byte[64];
                        random.nextBytes(value);
                        value[0] = 0x7f; // never the Confluent magic byte 0
                        description = "64 random bytes";
                    }
                    case UNKNOWN_SCHEMA_ID -> {
                        int id = 2_000_000_000 - random.nextInt(1000);
                        value = ByteBuffer.allocate(5 + 16).put((byte) 0).putInt(id)
                                .put(key.substring(0, 16).getBytes(StandardCharsets.US_ASCII)).array();
                        description = "magic byte 0 and schema id " + id + " (not in the registry)";
                    }
                    default -> {
                        String[] source = WRONG_TYPE.get(topic);
                        Optional<byte[]> wrong = wrongType(source[0], source[1], key);
                        if (wrong.isEmpty()) {
                            continue; // no event of that type published yet to copy the schema id from
                        }
                        value = wrong.get();
                        description = "a well-formed " + source[1].substring(source[1].lastIndexOf('.') + 1)
                                + " (registered schema id, fresh order and event id) on the wrong topic";
                    }
                }
                RecordMetadata sent = topics.publish(topic, null, key.getBytes(StandardCharsets.UTF_8), value,
                        List.of(new RecordHeader(POISON_HEADER, kind.name().getBytes(StandardCharsets.UTF_8))));
                poisons.add(new Poison(topic, sent.partition(), sent.offset(), kind, key, description));
            }
        }
        return poisons;
    }

    /**
     * A copy of a real event of {@code eventType} from {@code sourceTopic} (so its schema id is registered), about a
     * fresh order {@code orderId} and with a fresh event id, so no inbox takes it for a duplicate.
     */
    private Optional<byte[]> wrongType(String sourceTopic, String eventType, String orderId) {
        Schema schema = schemaOf(eventType);
        for (ConsumerRecord<byte[], byte[]> record : topics.readAll(sourceTopic)) {
            if (!eventType.equals(Topics.header(record, EVENT_TYPE)) || record.value() == null
                    || record.value().length < 6 || record.value()[0] != 0) {
                continue;
            }
            try {
                byte[] bytes = record.value();
                GenericRecord event = new GenericDatumReader<GenericRecord>(schema).read(null,
                        DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
                event.put("orderId", orderId);
                GenericRecord metadata = new GenericData.Record((GenericData.Record) event.get("metadata"), true);
                metadata.put("eventId", UUID.randomUUID().toString());
                metadata.put("correlationId", orderId);
                event.put("metadata", metadata);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(Arrays.copyOf(bytes, 5));
                BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
                new GenericDatumWriter<GenericRecord>(schema).write(event, encoder);
                encoder.flush();
                return Optional.of(out.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot re-encode a " + eventType + " from " + sourceTopic, e);
            }
        }
        return Optional.empty();
    }

    private static Schema schemaOf(String eventType) {
        if (eventType.equals(StockReserved.class.getName())) {
            return StockReserved.getClassSchema();
        }
        if (eventType.equals(PaymentAuthorized.class.getName())) {
            return PaymentAuthorized.getClassSchema();
        }
        throw new IllegalArgumentException(eventType);
    }

    private static List<ConsumerRecord<byte[], byte[]>> withoutPoison(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().filter(r -> r.headers().lastHeader(POISON_HEADER) == null).toList();
    }
}
