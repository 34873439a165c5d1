package com.shopflow.events.wire;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * How shopflow events go on the wire: the Apicurio Avro serde settings that write the Confluent wire format (magic
 * byte 0 + 4-byte content id, no headers), and Avro's trust in the generated event classes. The one place both the
 * services (through the messaging library) and the tests (through the test kit) take them from.
 */
public final class WireFormat {

    private static boolean trusted;

    private WireFormat() {
    }

    /**
     * Serde properties for a registry at {@code registryUrl}: its base URL ({@code http://127.0.0.1:8080}) or its
     * {@code /apis/registry/v3} API URL.
     */
    public static Map<String, Object> serdeProperties(String registryUrl) {
        // Whoever builds a serde from these settings reads or writes our generated classes.
        trustEventClasses();
        if (registryUrl == null || registryUrl.isBlank()) {
            throw new IllegalStateException("the schema registry URL is not set (shopflow.messaging.registry-url)");
        }
        String base = registryUrl.endsWith("/") ? registryUrl.substring(0, registryUrl.length() - 1) : registryUrl;
        String url = base.endsWith("/apis/registry/v3") ? base : base + "/apis/registry/v3";
        Map<String, Object> props = new HashMap<>();
        props.put("apicurio.registry.url", url);
        props.put("apicurio.registry.auto-register", true);
        props.put("apicurio.registry.artifact-resolver-strategy",
                "io.apicurio.registry.serde.avro.strategy.TopicRecordIdStrategy");
        props.put("apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        props.put("apicurio.registry.use-id", "contentId");
        props.put("apicurio.registry.headers.enabled", false);
        // Confluent clients see only the default group, and cannot resolve references between artifacts:
        // register every schema in the default group with its named types inlined.
        props.put("apicurio.registry.artifact.group-id", "default");
        props.put("apicurio.registry.dereference-schema", true);
        props.put("apicurio.registry.use-specific-avro-reader", true);
        props.put("apicurio.registry.avro-datum-provider", CachedDatumProvider.class.getName());
        // A schema's content and its content id never change once registered, so a cached lookup never goes stale.
        // The default 30 s expiry made every serializer call the registry again every 30 s: inside the outbox's
        // database transaction, from every thread at once (measured: the order service's connection pool ran dry).
        props.put("apicurio.registry.check-period-ms", Duration.ofDays(3650).toMillis());
        return props;
    }

    /**
     * Avro 1.12 instantiates only trusted classes named in a schema; this trusts the generated shopflow events
     * ({@code com.shopflow.events.*}) on top of whatever is trusted already. Idempotent.
     */
    public static synchronized void trustEventClasses() {
        if (!trusted) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> type.getName().startsWith("com.shopflow.events.")));
            trusted = true;
        }
    }
}
