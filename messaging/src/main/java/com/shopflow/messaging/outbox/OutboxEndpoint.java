package com.shopflow.messaging.outbox;

import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operator view of the outbox, {@code GET /admin/outbox}: backlog, age of the oldest row, parked rows; {@code POST
 * /admin/outbox/requeue?topic=&key=} moves a key's parked rows back. Under {@code /admin}, so admin-only wherever the
 * services' shared security (web-support) runs. The backlog for dashboards is in the metrics, not here.
 */
@RestController
@RequestMapping("/admin/outbox")
public class OutboxEndpoint {

    private final OutboxMonitor monitor;

    /** Reports through {@code monitor}. */
    public OutboxEndpoint(OutboxMonitor monitor) {
        this.monitor = monitor;
    }

    /** The outbox's state. */
    @GetMapping
    public Report report() {
        OutboxMonitor.Snapshot stats = monitor.stats();
        return new Report(stats.backlog(), stats.oldestAgeSeconds(), stats.failed(), monitor.failed(100));
    }

    /** Moves the parked rows of {@code topic}/{@code key} back to the outbox; answers how many moved. */
    @PostMapping("/requeue")
    public Map<String, Integer> requeue(@RequestParam String topic, @RequestParam String key) {
        return Map.of("requeued", monitor.requeue(topic, key));
    }

    /** The outbox's state. */
    public record Report(long backlog, double oldestAgeSeconds, long failedCount,
            List<OutboxMonitor.FailedEvent> failed) {
    }
}
