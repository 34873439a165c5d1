package com.shopflow.messaging.inbox;

/** What {@link Inbox} does with an event whose sequence is lower than one already applied for its key. */
public enum StalePolicy {
    /** Skip it and count it (the default). */
    SKIP,
    /** Run the effect anyway; it can see {@code MessageContext.current().get().stale()}. */
    APPLY
}
