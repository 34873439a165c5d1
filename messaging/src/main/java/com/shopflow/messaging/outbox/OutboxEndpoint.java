package com.shopflow.messaging.outbox;

import java.util.List;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/** Actuator endpoint {@code outbox}: backlog, age of the oldest row, parked rows; requeue a key's parked rows. */
@Endpoint(id = "outbox")
public class OutboxEndpoint {

    private final OutboxMonitor monitor;

    /** Reports through {@code monitor}. */
    public OutboxEndpoint(OutboxMonitor monitor) {
        this.monitor = monitor;
    }

    /** The outbox's state. */
    @ReadOperation
    public Report report() {
        OutboxMonitor.Snapshot stats = monitor.stats();
        return new Report(stats.backlog(), stats.oldestAgeSeconds(), stats.failed(), monitor.failed(100));
    }

    /** Moves the parked rows of {@code topic}/{@code key} back to the outbox. */
    @WriteOperation
    public int requeue(String topic, String key) {
        return monitor.requeue(topic, key);
    }

    /** The outbox's state. */
    public record Report(long backlog, double oldestAgeSeconds, long failedCount,
            List<OutboxMonitor.FailedEvent> failed) {
    }
}
