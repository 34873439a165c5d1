package com.shopflow.messaging.inbox;

/** What {@link Inbox} does with an event whose sequence is lower than one already applied for its key. */
public enum StalePolicy {
    /** Skip it and count it (the default). */
    SKIP,
    /** Run the effect anyway; it can see {@code MessageContext.current().get().stale()}. */
    APPLY,
    /**
     * Order does not matter to this consumer (a timeline, a mail log): every first delivery runs, and no per-key
     * sequence is kept, which saves an upsert per event; {@code stale()} is then always false.
     */
    IGNORE
}
