package com.shopflow.formatter;

import java.nio.ByteBuffer;
import java.util.Optional;

/** The Confluent wire format: magic byte 0, a 4-byte big-endian schema id, then the Avro binary body. */
record WireFormat(int schemaId, byte[] bytes, int bodyOffset) {

    static final byte MAGIC = 0;
    static final int HEADER_LENGTH = 5;

    /** The header of {@code bytes}, or empty when they do not start like a wire-format record. */
    static Optional<WireFormat> parse(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MAGIC) {
            return Optional.empty();
        }
        return Optional.of(new WireFormat(ByteBuffer.wrap(bytes, 1, 4).getInt(), bytes, HEADER_LENGTH));
    }

    int bodyLength() {
        return bytes.length - bodyOffset;
    }
}
