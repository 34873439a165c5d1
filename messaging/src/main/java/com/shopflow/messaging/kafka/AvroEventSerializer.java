package com.shopflow.messaging.kafka;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.data.SerdeMetadata;
import io.apicurio.registry.serde.data.SerdeRecord;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes Avro events to the Confluent wire format through the registry, and registers schemas ahead of time so
 * that an outbox append (inside a database transaction) never waits for the registry.
 */
public class AvroEventSerializer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AvroEventSerializer.class);

    private final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();

    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /** A serializer against the registry at {@code registryUrl} (base URL). */
    public AvroEventSerializer(String registryUrl) {
        AvroTrust.trustEventClasses();
        Map<String, Object> props = RegistrySerdeConfig.serdeProperties(registryUrl);
        serializer.configure(props, false);
    }

    /** The Confluent-wire-format bytes of {@code event} for {@code topic}. */
    public byte[] serialize(String topic, SpecificRecord event) {
        if (log.isDebugEnabled() && known.add(topic + '|' + event.getSchema().getFullName())) {
            log.debug("First serialization of {} for {}", event.getSchema().getFullName(), topic);
        }
        return serializer.serialize(topic, event);
    }

    /**
     * Registers (or finds) the schema of {@code type} under the subject of {@code topic} and caches its id. Call it
     * outside any transaction: it talks to the registry.
     */
    public void register(String topic, Class<? extends SpecificRecord> type) {
        Schema schema = SpecificData.get().getSchema(type);
        SpecificRecord empty = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        serializer.getSchemaResolver().resolveSchema(new SerdeRecord<>(new SerdeMetadata(topic, false), empty));
        known.add(topic + '|' + schema.getFullName());
        log.info("Schema {} for topic {} is registered", schema.getFullName(), topic);
    }

    @Override
    public void close() {
        serializer.close();
    }
}
