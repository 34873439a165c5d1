package com.shopflow.messaging.kafka;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 instantiates only trusted classes named in a schema; this trusts the generated shopflow events
 * ({@code com.shopflow.events.*}) on top of whatever is trusted already.
 */
public final class AvroTrust {

    private static boolean trusted;

    private AvroTrust() {
    }

    /** Trusts {@code com.shopflow.events.*}. Idempotent. */
    public static synchronized void trustEventClasses() {
        if (!trusted) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> type.getName().startsWith("com.shopflow.events.")));
            trusted = true;
        }
    }
}
