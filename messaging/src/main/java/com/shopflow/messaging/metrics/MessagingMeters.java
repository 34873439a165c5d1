package com.shopflow.messaging.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The library's counters per consumer and per topic, built in one place so every registration names them alike. */
public final class MessagingMeters {

    /** Consumed events skipped as already processed, tag {@code consumer}. */
    public static final String INBOX_DUPLICATES = "shopflow.inbox.duplicates";
    /** Consumed events skipped as older than one already applied for their key, tag {@code consumer}. */
    public static final String INBOX_STALE = "shopflow.inbox.stale";
    /** Records sent to a dead-letter topic, tag {@code topic} (the consumed topic). */
    public static final String DLT_RECORDS = "shopflow.dlt.records";

    private MessagingMeters() {
    }

    /** The duplicates counter of {@code consumer}. */
    public static Counter inboxDuplicates(MeterRegistry meters, String consumer) {
        return Counter.builder(INBOX_DUPLICATES).description("Consumed events skipped as already processed")
                .tag("consumer", consumer).register(meters);
    }

    /** The stale-events counter of {@code consumer}. */
    public static Counter inboxStale(MeterRegistry meters, String consumer) {
        return Counter.builder(INBOX_STALE)
                .description("Consumed events skipped as older than one already applied for their key")
                .tag("consumer", consumer).register(meters);
    }

    /** The dead-letter counter of the consumed {@code topic}. */
    public static Counter deadLetters(MeterRegistry meters, String topic) {
        return Counter.builder(DLT_RECORDS).description("Records sent to a dead-letter topic")
                .tag("topic", topic).register(meters);
    }

    /** Registers the counters of a consumer group reading {@code topics}, at zero if they are new. */
    public static void registerListener(MeterRegistry meters, String consumer, Iterable<String> topics) {
        if (consumer != null && !consumer.isBlank()) {
            inboxDuplicates(meters, consumer);
            inboxStale(meters, consumer);
        }
        for (String topic : topics) {
            deadLetters(meters, topic);
        }
    }
}
