package com.shopflow.messaging;

import java.util.Optional;

import com.shopflow.events.common.EventMetadata;

/**
 * The event being handled on this thread, set by {@link com.shopflow.messaging.inbox.Inbox} while the effect runs,
 * so that an {@link com.shopflow.messaging.outbox.Outbox#append} inside it inherits correlation and causation.
 *
 * @param consumer    name of the consumer handling the event
 * @param topic       topic the event was read from
 * @param key         record key (the aggregate id)
 * @param metadata    the consumed event's metadata
 * @param traceparent W3C trace context that came with the record, or {@code null}
 * @param stale       whether a later event of the same key was already applied by this consumer (only seen by
 *                    effects run with {@link com.shopflow.messaging.inbox.StalePolicy#APPLY})
 */
public record MessageContext(String consumer, String topic, String key, EventMetadata metadata, String traceparent,
        boolean stale) {

    private static final ThreadLocal<MessageContext> CURRENT = new ThreadLocal<>();

    /** The event handled on this thread, if any. */
    public static Optional<MessageContext> current() {
        return Optional.ofNullable(CURRENT.get());
    }

    /** Runs {@code action} with {@code context} as the current one, restoring the previous context afterwards. */
    public static void runWith(MessageContext context, Runnable action) {
        MessageContext previous = CURRENT.get();
        CURRENT.set(context);
        try {
            action.run();
        }
        finally {
            if (previous == null) {
                CURRENT.remove();
            }
            else {
                CURRENT.set(previous);
            }
        }
    }
}
