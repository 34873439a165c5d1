package com.shopflow.chaos;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import com.shopflow.chaos.fuzz.FuzzResult;
import com.shopflow.chaos.fuzz.RestFuzzer;
import com.shopflow.stack.ComponentHandle;
import com.shopflow.stack.ServiceSpec;

/** The catalogue of faults. */
public final class Scenarios {

    private Scenarios() {
    }

    /** The full run: every fault the issue lists, one after the other. */
    public static List<Scenario> full() {
        List<Scenario> all = new ArrayList<>();
        all.add(baseline());
        for (ServiceSpec service : ServiceSpec.ALL) {
            all.add(crash(service.name()));
        }
        all.add(relayMidBatch());
        all.add(restart("kafka", Duration.ofSeconds(15)));
        all.add(restart("postgres", Duration.ofSeconds(10)));
        all.add(smtpOutage(Duration.ofSeconds(20)));
        all.add(duplicates(50));
        all.add(replay(300));
        all.add(poison());
        all.add(restFuzz());
        return all;
    }

    /** Traffic and no fault: what the stack does on a good day (and a warm-up). */
    public static Scenario baseline() {
        return new Scenario("baseline", "order traffic, no fault", true, (run, log) -> { });
    }

    /** No traffic, no fault: only the invariant check (for a stack that was used by hand, with --attach). */
    public static Scenario checkOnly() {
        return new Scenario("check", "no traffic, no fault: the invariant check only", false, (run, log) -> { });
    }

    /** kill -9 of a service under traffic, then a start on the same port and data. */
    public static Scenario crash(String service) {
        return new Scenario("kill-" + service, "kill -9 " + service + " under traffic, start it again", true,
                (run, log) -> {
                    ComponentHandle component = run.stack().component(service);
                    long pid = component.pid().orElse(-1);
                    component.kill();
                    log.note("killed %s (pid %d) with kill -9", service, pid);
                    run.whileDown(() -> {
                        Instant began = Instant.now();
                        component.start();
                        log.note("%s healthy again after %d s (pid %d); traffic paused meanwhile", service,
                                Duration.between(began, Instant.now()).toSeconds(), component.pid().orElse(-1));
                    });
                });
    }

    /**
     * Fills order-service's outbox with a burst of orders and kills the process while rows are still unsent, then
     * checks each of those events reached the topic (a crash between send and delete gives duplicates, never loss).
     */
    public static Scenario relayMidBatch() {
        return new Scenario("kill-outbox-relay", "kill -9 order-service (it holds the outbox relay) while a burst of "
                + "orders is being relayed; up to 3 tries until a kill lands between send and delete", true,
                (run, log) -> {
                    for (int attempt = 1; attempt <= 3; attempt++) {
                        if (killRelayOnce(run, log, attempt)) {
                            return;
                        }
                    }
                    log.note("no kill landed between the relay's send and its delete (every unsent row was sent "
                            + "once, after the restart): no duplicate to see, and no loss");
                });
    }

    /** One burst and kill; true when some event in the outbox at the kill is on the topic twice (mid-batch). */
    private static boolean killRelayOnce(ChaosRun run, ScenarioLog log, int attempt) {
        CompletableFuture<Void> burst = CompletableFuture.runAsync(() -> run.traffic().burst(600, 64));
        List<String> unsent = List.of();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<Object[]> rows = run.databases().query("orders",
                    "select event_id::text from outbox_event order by id limit 5000");
            // Many rows: the relay is most likely inside a batch (read, sent, not yet deleted).
            if (rows.size() >= 20 || (rows.size() >= 5 && burst.isDone())) {
                unsent = rows.stream().map(r -> (String) r[0]).toList();
                break;
            }
        }
        ComponentHandle orderService = run.stack().component("order-service");
        orderService.kill();
        log.note("try %d: killed order-service with %d outbox rows not yet deleted by the relay", attempt,
                unsent.size());
        burst.join();
        run.whileDown(() -> {
            Instant began = Instant.now();
            orderService.start();
            log.note("order-service healthy again after %d s", Duration.between(began, Instant.now()).toSeconds());
        });
        if (unsent.isEmpty()) {
            return false;
        }
        awaitOutboxDrained(run, "orders", Duration.ofSeconds(60));
        Map<String, Integer> onTopic = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : run.topics().readAll("orders")) {
            String eventId = Topics.header(record, "shopflow-event-id");
            if (eventId != null) {
                onTopic.merge(eventId, 1, Integer::sum);
            }
        }
        long lost = unsent.stream().filter(id -> !onTopic.containsKey(id)).count();
        long twice = unsent.stream().filter(id -> onTopic.getOrDefault(id, 0) > 1).count();
        log.note("of the %d events in the outbox at the kill: %d on the topic once, %d more than once "
                + "(sent before the crash, sent again after it), %d missing", unsent.size(),
                unsent.size() - lost - twice, twice, lost);
        unsent.stream().filter(id -> !onTopic.containsKey(id)).limit(20).forEach(id ->
                log.violation(new Violation("OUTBOX_EVENT_LOST", id, "in the outbox at the crash, never on orders")));
        return twice > 0;
    }

    /** Graceful stop of an infrastructure component under traffic, a pause, and a start. */
    public static Scenario restart(String component, Duration down) {
        return new Scenario("restart-" + component, "stop " + component + " under traffic, keep it down "
                + down.toSeconds() + " s, start it again", true, (run, log) -> {
            ComponentHandle handle = run.stack().component(component);
            Instant stopping = Instant.now();
            handle.stop();
            log.note("%s stopped in %d s", component, Duration.between(stopping, Instant.now()).toSeconds());
            ChaosRun.pause(down.minus(run.settings().whileDown()));
            run.whileDown(() -> {
                Instant began = Instant.now();
                handle.start();
                log.note("%s healthy again after %d s", component, Duration.between(began, Instant.now()).toSeconds());
            });
        });
    }

    public static Scenario smtpOutage(Duration down) {
        return new Scenario("smtp-outage", "SMTP server stopped for " + down.toSeconds()
                + " s under traffic (mails must wait, then go out once)", true, (run, log) -> {
            ComponentHandle smtp = run.stack().component("smtp");
            smtp.stop();
            ChaosRun.pause(down);
            long pending = run.databases().count("notifications",
                    "select count(*) from notification where status = 'PENDING'");
            log.note("after %d s without SMTP: %d mails pending", down.toSeconds(), pending);
            smtp.start();
            log.note("SMTP back");
        });
    }

    /** Exact raw copies (bytes and headers) of the newest records of every partition of the event topics. */
    public static Scenario duplicates(int perPartition) {
        return new Scenario("duplicates", "re-publish the last " + perPartition + " records of every partition of "
                + "orders, payments and inventory (raw bytes and headers) under traffic", true, (run, log) -> {
            int sent = run.injector().duplicateTail(Topics.EVENT_TOPICS, perPartition);
            log.note("re-published %d records", sent);
        });
    }

    /**
     * A replay from an old offset, twice: the oldest records of partition 0 of each topic re-published, and
     * payment-service's consumer group moved back to offset 0 of {@code orders} while it is stopped.
     */
    public static Scenario replay(int oldest) {
        return new Scenario("replay", "re-publish the " + oldest + " oldest records of partition 0 of each event "
                + "topic; stop payment-service, move its group to offset 0 of orders, start it (it re-reads all)", true,
                (run, log) -> {
                    int sent = run.injector().replayOldest(Topics.EVENT_TOPICS, oldest);
                    log.note("re-published %d old records", sent);
                    ComponentHandle payment = run.stack().component("payment-service");
                    payment.stop();
                    Map<TopicPartition, Long> zero = run.topics().endOffsets("orders").keySet().stream()
                            .collect(Collectors.toMap(p -> p, p -> 0L));
                    long behind = run.topics().endOffsets("orders").values().stream().mapToLong(Long::longValue).sum();
                    run.topics().resetGroup("payment-service", zero);
                    log.note("payment-service stopped, its group reset to offset 0 on %d partitions (%d records to "
                            + "read again)", zero.size(), behind);
                    run.whileDown(() -> {
                        Instant began = Instant.now();
                        payment.start();
                        log.note("payment-service healthy again after %d s",
                                Duration.between(began, Instant.now()).toSeconds());
                    });
                });
    }

    /** Garbage, an unknown schema id and a well-formed event of the wrong type on each event topic. */
    public static Scenario poison() {
        return new Scenario("poison", "publish garbage bytes, an unknown schema id and valid Avro of the wrong type "
                + "to orders, payments and inventory under traffic", true, (run, log) -> {
            List<Injector.Poison> poisons = run.injector().poison(Topics.EVENT_TOPICS);
            run.addPoisons(poisons);
            poisons.forEach(p -> log.note("%s on %s-%d@%d: %s", p.kind(), p.topic(), p.partition(), p.offset(),
                    p.description()));
            log.note("notifications has no consumer group, so no poison goes there");
        });
    }

    /** The REST fuzzer against every service (no order traffic: rejected requests must leave every table as it was). */
    public static Scenario restFuzz() {
        return new Scenario("rest-fuzz", "malformed and boundary requests to every endpoint of every service's "
                + "OpenAPI document: no 5xx, and rejected requests change no table", false, (run, log) -> {
            run.checker().awaitClean(run.traffic().accepted(), run.shop(), run.poisons(),
                    run.settings().decisionWindow(), run.settings().settleWindow(), run::print);
            RestFuzzer fuzzer = new RestFuzzer(run.stack(), run.databases(), run.settings().fuzzSeed());
            FuzzResult result = fuzzer.run(run.settings().fuzzRequests(), run.settings().fuzzRequests() / 10,
                    run::print);
            result.summary().forEach(line -> log.note("%s", line));
            result.violations().forEach(log::violation);
        });
    }

    private static void awaitOutboxDrained(ChaosRun run, String database, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline
                && run.databases().count(database, "select count(*) from outbox_event") > 0) {
            ChaosRun.pause(Duration.ofMillis(500));
        }
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
