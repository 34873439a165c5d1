package com.shopflow.messaging.inbox;

/** What {@link Inbox#handle} did with a consumed event. */
public enum InboxOutcome {
    /** The effect ran and committed together with the inbox entry. */
    APPLIED,
    /** The event was processed before by this consumer; the effect did not run. */
    DUPLICATE,
    /** A later event (higher sequence) of the same key was already applied; the effect did not run. */
    STALE,
    /** Not an event type this consumer acts on: nothing ran and nothing was recorded. */
    IGNORED
}
