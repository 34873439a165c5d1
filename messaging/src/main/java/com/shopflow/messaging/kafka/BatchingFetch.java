package com.shopflow.messaging.kafka;

/**
 * Consumer properties for a listener off the saga's critical path (a read model, mail): the broker holds each fetch
 * until a batch's worth of records is there or the wait runs out, so one inbox transaction (one WAL flush) and one
 * fetch cover many events instead of one each. Use both in {@code @KafkaListener(properties = ...)}; the wait is the
 * most such a listener lags behind, settable per service with {@code shopflow.messaging.batching-fetch.*}.
 */
public final class BatchingFetch {

    /** Longest the broker holds a fetch (default 250 ms). */
    public static final String MAX_WAIT =
            "fetch.max.wait.ms=${shopflow.messaging.batching-fetch.max-wait-ms:250}";

    /** Bytes that end the wait early (default 64 KiB, about 150 events). */
    public static final String MIN_BYTES =
            "fetch.min.bytes=${shopflow.messaging.batching-fetch.min-bytes:65536}";

    private BatchingFetch() {
    }
}
