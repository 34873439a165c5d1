package com.shopflow.order;

import java.time.Instant;

/** One event an order saw: its type, when it happened, which service produced it, and a short detail. */
public record TimelineEntry(String eventId, String type, Instant at, String source, String detail) {
}
