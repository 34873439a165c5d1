package com.shopflow.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/** Mail delivery metrics: sent and failed attempts per kind, and the size and age of the pending backlog. */
@Component
public class MailMetrics {

    private final Map<NotificationKind, Counter> sent = new EnumMap<>(NotificationKind.class);
    private final Map<NotificationKind, Counter> failed = new EnumMap<>(NotificationKind.class);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestPendingAgeMillis = new AtomicLong();

    public MailMetrics(MeterRegistry registry) {
        // Registered up front so every series exists (at zero) before the first mail, which keeps dashboards and alerts simple.
        for (NotificationKind kind : NotificationKind.values()) {
            sent.put(kind, Counter.builder("shopflow.mails.sent")
                    .description("Mails the SMTP server accepted")
                    .tag("kind", kind.name())
                    .register(registry));
            failed.put(kind, Counter.builder("shopflow.mails.failed")
                    .description("Attempts to send a mail that the SMTP server did not accept; the mail is retried")
                    .tag("kind", kind.name())
                    .register(registry));
        }
        Gauge.builder("shopflow.mails.pending", pending, AtomicLong::get)
                .description("Mails recorded but not yet accepted by the SMTP server")
                .register(registry);
        Gauge.builder("shopflow.mails.oldest.pending.age", oldestPendingAgeMillis, value -> value.get() / 1000.0)
                .description("Age of the oldest mail not yet accepted by the SMTP server")
                .baseUnit("seconds")
                .register(registry);
    }

    void sent(NotificationKind kind) {
        sent.get(kind).increment();
    }

    void failed(NotificationKind kind) {
        failed.get(kind).increment();
    }

    void backlog(long pendingCount, Instant oldestCreatedAt, Instant now) {
        pending.set(pendingCount);
        oldestPendingAgeMillis.set(oldestCreatedAt == null ? 0 : Math.max(0, Duration.between(oldestCreatedAt, now).toMillis()));
    }
}
