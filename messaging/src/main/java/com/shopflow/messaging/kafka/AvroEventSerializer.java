package com.shopflow.messaging.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.shopflow.events.wire.WireFormat;
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

    /** How often a registration that got no answer is tried again with a new registry client. */
    private static final int REGISTER_ATTEMPTS = 4;

    private final Map<String, Object> props;
    private final Duration registerTimeout;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, Registration> registered = new java.util.LinkedHashMap<>();
    private volatile AvroKafkaSerializer<SpecificRecord> serializer;

    /** A serializer against the registry at {@code registryUrl} (base URL). */
    public AvroEventSerializer(String registryUrl) {
        this(registryUrl, Duration.ofSeconds(20));
    }

    /** As {@link #AvroEventSerializer(String)}, giving up on a registry call after {@code registerTimeout}. */
    public AvroEventSerializer(String registryUrl, Duration registerTimeout) {

        this.props = WireFormat.serdeProperties(registryUrl);
        this.registerTimeout = registerTimeout;
        this.serializer = newSerializer();
    }

    private AvroKafkaSerializer<SpecificRecord> newSerializer() {
        AvroKafkaSerializer<SpecificRecord> created = new AvroKafkaSerializer<>();
        created.configure(props, false);
        return created;
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
    public synchronized void register(String topic, Class<? extends SpecificRecord> type) {
        AvroKafkaSerializer<SpecificRecord> before = serializer;
        resolve(topic, type);
        registered.put(topic + '|' + type.getName(), new Registration(topic, type));
        // A new client starts with an empty cache: give it every schema registered so far, so that serializing
        // inside a transaction still never calls the registry.
        while (serializer != before) {
            before = serializer;
            for (Registration earlier : registered.values()) {
                resolve(earlier.topic(), earlier.type());
            }
        }
        log.info("Schema {} for topic {} is registered", type.getName(), topic);
    }

    private record Registration(String topic, Class<? extends SpecificRecord> type) {
    }

    private void resolve(String topic, Class<? extends SpecificRecord> type) {
        Schema schema = SpecificData.get().getSchema(type);
        SpecificRecord empty = (SpecificRecord) SpecificData.get().newRecord(null, schema);
        for (int attempt = 1; ; attempt++) {
            AvroKafkaSerializer<SpecificRecord> current = serializer;
            // The registry client (Vert.x) has no request timeout: a response lost by the server would block
            // start-up forever (seen under heavy load), so the call runs aside and a new client retries it.
            CompletableFuture<Void> call = CompletableFuture.runAsync(() -> current.getSchemaResolver()
                    .resolveSchema(new SerdeRecord<>(new SerdeMetadata(topic, false), empty)));
            try {
                call.get(registerTimeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            catch (TimeoutException e) {
                if (attempt == REGISTER_ATTEMPTS) {
                    throw new IllegalStateException("Schema registry did not answer registering "
                            + schema.getFullName() + " for " + topic + " in " + attempt + " attempts", e);
                }
                log.warn("Schema registry did not answer registering {} for {} within {}; retrying with a new client",
                        schema.getFullName(), topic, registerTimeout);
                call.cancel(true);
                serializer = newSerializer();
            }
            catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(e.getCause());
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        serializer.close();
    }
}
