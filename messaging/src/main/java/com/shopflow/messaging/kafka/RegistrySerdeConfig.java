package com.shopflow.messaging.kafka;

import java.util.HashMap;
import java.util.Map;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.strategy.TopicRecordIdStrategy;

/**
 * The Apicurio serde settings that give the Confluent wire format (magic byte + 4-byte content id) with schemas any
 * Confluent client can fetch from the registry's Confluent-compatible API ({@code /apis/ccompat/v7/schemas/ids/{id}})
 * and parse with plain Avro. The same settings as the test kit's {@code TestEvents.serdeConfig}.
 */
public final class RegistrySerdeConfig {

    private RegistrySerdeConfig() {
    }

    /** Serde properties for a registry at {@code registryUrl} (base URL, e.g. {@code http://127.0.0.1:8080}). */
    public static Map<String, Object> serdeProperties(String registryUrl) {
        // Whoever builds a serde from these settings reads or writes our generated classes.
        AvroTrust.trustEventClasses();
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalStateException("shopflow.messaging.registry-url is not set");
        }
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        String url = base.endsWith("/apis/registry/v3") ? base : base + "/apis/registry/v3";
        Map<String, Object> props = new HashMap<>();
        props.put("apicurio.registry.url", url);
        props.put("apicurio.registry.auto-register", true);
        props.put("apicurio.registry.artifact-resolver-strategy", TopicRecordIdStrategy.class.getName());
        props.put("apicurio.registry.id-handler", Default4ByteIdHandler.class.getName());
        props.put("apicurio.registry.use-id", "contentId");
        props.put("apicurio.registry.headers.enabled", false);
        // The strategy would put each artifact in a group named after the Avro namespace; the Confluent-compatible API
        // only sees the default group.
        props.put("apicurio.registry.artifact.group-id", "default");
        // One self-contained schema per event: without it nested records (EventMetadata, Money, ...) become separate
        // referenced artifacts and the schema served for the record's id does not parse on its own.
        props.put("apicurio.registry.dereference-schema", true);
        props.put("apicurio.registry.use-specific-avro-reader", true);
        return props;
    }
}
