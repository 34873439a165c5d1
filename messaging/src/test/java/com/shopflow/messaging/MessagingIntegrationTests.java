package com.shopflow.messaging;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.common.Money;
import com.shopflow.events.notifications.NotificationKind;
import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.events.payments.PaymentRefunded;
import com.shopflow.messaging.app.MessagingTestApplication;
import com.shopflow.messaging.app.TestListener;
import com.shopflow.messaging.inbox.Inbox;
import com.shopflow.messaging.inbox.InboxOutcome;
import com.shopflow.messaging.inbox.StalePolicy;
import com.shopflow.messaging.kafka.DeadLetters;
import com.shopflow.messaging.metrics.MessagingMeters;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.messaging.relay.OutboxRelay;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import com.shopflow.testkit.WithInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The library as a service uses it: auto-configured outbox, relay, listener serde, inbox, error handling and dead
 * letters, against the real broker, registry and PostgreSQL.
 */
@SpringBootTest(classes = MessagingTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithInfrastructure(database = "messaging")
class MessagingIntegrationTests {

    private static final String TOPIC = "inbox-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Autowired
    Outbox outbox;
    @Autowired
    OutboxRelay relay;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestListener listener;
    @Autowired
    DeadLetters deadLetters;
    @Autowired
    MeterRegistry meters;
    @Autowired
    Inbox inbox;
    @Autowired
    ObservationRegistry observations;
    @Autowired
    Tracer tracer;
    @LocalServerPort
    int port;

    private final TestEvents events = Infrastructure.shared().events();

    @Test
    void duplicatedAndRedeliveredRecordsApplyTheEffectOnce() {
        String key = key("dup");
        NotificationSent event = event(key, 1);
        double before = counter("shopflow.inbox.duplicates");

        events.send(TOPIC, key, event);
        events.send(TOPIC, key, event);
        events.send(TOPIC, key, event);

        await().atMost(WAIT).untilAsserted(() -> assertThat(counter("shopflow.inbox.duplicates") - before)
                .isEqualTo(2.0));
        assertThat(effects(key)).isEqualTo(1);
    }

    @Test
    void eventOlderThanOneAlreadyAppliedIsReportedStaleAndSkipped() {
        String key = key("stale");
        double before = counter("shopflow.inbox.stale");

        events.send(TOPIC, key, event(key, 2));
        events.send(TOPIC, key, event(key, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(counter("shopflow.inbox.stale") - before)
                .isEqualTo(1.0));
        assertThat(jdbc.queryForList("select sequence from test_effect where record_key = ?", Long.class, key))
                .containsExactly(2L);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicWithHeadersAndTheNextRecordIsProcessed() {
        String key = key("poison");
        byte[] random = new byte[64];
        ThreadLocalRandom.current().nextBytes(random);
        byte[] unknownSchema = {0, 0x7f, 0x6e, 0x5d, 0x4c, 2, 4, 6};
        events.sendBytes(TOPIC, key, random);
        events.sendBytes(TOPIC, key, unknownSchema);
        events.send(TOPIC, key, event(key, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(effects(key)).isEqualTo(1));
        await().atMost(WAIT).untilAsserted(() -> {
            List<DeadLetters.DeadLetter> letters = deadLetters.list(TOPIC, 1000).stream()
                    .filter(l -> key.equals(l.key())).toList();
            assertThat(letters).hasSize(2);
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.originalTopic()).isEqualTo(TOPIC);
                assertThat(letter.originalPartition()).isNotNull();
                assertThat(letter.originalOffset()).isNotNull();
                assertThat(letter.exceptionClass()).isNotBlank();
                assertThat(letter.exceptionMessage()).isNotBlank();
            });
            assertThat(letters).extracting(DeadLetters.DeadLetter::valueBase64).containsExactlyInAnyOrder(
                    java.util.Base64.getEncoder().encodeToString(random),
                    java.util.Base64.getEncoder().encodeToString(unknownSchema));
        });
        assertThat(meters.find("shopflow.dlt.records").tag("topic", TOPIC).counter()).isNotNull();
    }

    @Test
    void transientDatabaseFailureIsRetriedThenAppliedOnce() {
        String key = key("transient");
        listener.transientFailures.put(key, new AtomicInteger(2));

        events.send(TOPIC, key, event(key, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(effects(key)).isEqualTo(1));
        assertThat(listener.attempts.get(key).get()).isEqualTo(3);
    }

    @Test
    void appendedEventIsPublishedAfterCommitAndItsHandlerInheritsCorrelationCausationAndTrace() {
        String key = "chain-" + UUID.randomUUID();
        ListAppender<ILoggingEvent> handlerLog = new ListAppender<>();
        Logger logger = (Logger) LoggerFactory.getLogger(TestListener.class);
        handlerLog.start();
        logger.addAppender(handlerLog);
        try {
            // The span of, say, an HTTP request whose use case appends the event.
            String[] appendSpan = new String[2];
            EventMetadata appended = Observation.createNotStarted("test.request", observations).observe(() -> {
                appendSpan[0] = tracer.currentSpan().context().traceId();
                appendSpan[1] = tracer.currentSpan().context().spanId();
                return transactions.execute(status -> outbox.append(TOPIC, key, m -> event(m, key)));
            });
            String traceId = appendSpan[0];

            NotificationSent followUp = events.await("followup-test", NotificationSent.class,
                    e -> e.getOrderId().equals(key), WAIT);

            assertThat(followUp.getMetadata().getCausationId()).isEqualTo(appended.getEventId());
            assertThat(followUp.getMetadata().getCorrelationId()).isEqualTo(key);
            assertThat(followUp.getMetadata().getProducer()).isEqualTo("messaging-tests");
            assertThat(jdbc.queryForObject("select mdc_correlation from test_effect where record_key = ?",
                    String.class, key)).isEqualTo(key);
            // The relayed record carries the appending span; the listener's observation continues its trace.
            ConsumerRecord<String, Object> relayed = events.readAll(TOPIC, WAIT).stream()
                    .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
            assertThat(header(relayed, EventHeaders.TRACEPARENT))
                    .isEqualTo("00-" + traceId + "-" + appendSpan[1] + "-01");
            assertThat(listener.traceIds).containsEntry(key, traceId);
            // The follow-up appended by the handler is a later span of the same trace.
            ConsumerRecord<String, Object> record = events.readAll("followup-test", WAIT).stream()
                    .filter(r -> r.key().equals(key)).findFirst().orElseThrow();
            assertThat(header(record, EventHeaders.TRACEPARENT)).startsWith("00-" + traceId + "-")
                    .doesNotContain(appendSpan[1]);
            assertThat(header(record, EventHeaders.CAUSATION_ID)).isEqualTo(appended.getEventId());
            List<ILoggingEvent> lines = handlerLog.list.stream()
                    .filter(e -> e.getFormattedMessage().endsWith(key)).toList();
            assertThat(lines).isNotEmpty().allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                    .containsEntry("traceId", traceId)
                    .containsEntry(Inbox.MDC_CORRELATION_ID, key)
                    .containsEntry(Inbox.MDC_EVENT_ID, appended.getEventId()));
        }
        finally {
            logger.detachAppender(handlerLog);
        }
    }

    @Test
    void everyMeterIsTaggedWithTheApplicationName() {
        assertThat(meters.getMeters()).isNotEmpty().allSatisfy(meter ->
                assertThat(meter.getId().getTag("application")).as(meter.getId().toString())
                        .isEqualTo("messaging-tests"));
        assertThat(meters.find("shopflow.relay.sent").tag("application", "messaging-tests").counter()).isNotNull();
    }

    @Test
    void inboxAndDeadLetterCountersExistAtZeroForAListenerThatSawNoEvent() {
        assertThat(meters.find(MessagingMeters.INBOX_DUPLICATES).tag("consumer", TestListener.IDLE_CONSUMER)
                .counter()).isNotNull().extracting(c -> c.count()).isEqualTo(0.0);
        assertThat(meters.find(MessagingMeters.INBOX_STALE).tag("consumer", TestListener.IDLE_CONSUMER)
                .counter()).isNotNull().extracting(c -> c.count()).isEqualTo(0.0);
        assertThat(meters.find(MessagingMeters.DLT_RECORDS).tag("topic", "idle-test").counter())
                .isNotNull().extracting(c -> c.count()).isEqualTo(0.0);
        assertThat(meters.find(MessagingMeters.DLT_RECORDS).tag("topic", "batch-test").counter()).isNotNull();
        assertThat(meters.find(MessagingMeters.INBOX_STALE).tag("consumer", TestListener.BATCH_CONSUMER).counter())
                .isNotNull();
    }

    @Test
    void forgettingAConsumerLetsItApplyEveryEventAgainAndLeavesOtherConsumersAlone() {
        String key = key("forget");
        ConsumerRecord<String, NotificationSent> first = record("forget-test", key, event(key, 1));
        ConsumerRecord<String, NotificationSent> second = record("forget-test", key, event(key, 2));
        assertThat(inbox.handle("rebuilt", first, () -> { })).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("rebuilt", second, () -> { })).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("kept", first, () -> { })).isEqualTo(InboxOutcome.APPLIED);

        int forgotten = transactions.execute(status -> inbox.forget("rebuilt"));

        assertThat(forgotten).isEqualTo(2);
        // A replay from the start applies both again, in order, neither duplicate nor stale.
        assertThat(inbox.handle("rebuilt", first, () -> { })).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("rebuilt", second, () -> { })).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("kept", first, () -> { })).isEqualTo(InboxOutcome.DUPLICATE);
    }

    @Test
    void consumerThatIgnoresOrderAppliesAnOlderEventAndKeepsNoSequence() {
        String key = key("unordered");
        ConsumerRecord<String, NotificationSent> older = record("unordered-test", key, event(key, 1));
        ConsumerRecord<String, NotificationSent> newer = record("unordered-test", key, event(key, 2));
        List<Boolean> staleSeen = new ArrayList<>();
        Runnable effect = () -> staleSeen.add(MessageContext.current().orElseThrow().stale());

        assertThat(inbox.handle("unordered", newer, StalePolicy.IGNORE, effect)).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("unordered", older, StalePolicy.IGNORE, effect)).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("unordered", older, StalePolicy.IGNORE, effect)).isEqualTo(InboxOutcome.DUPLICATE);

        assertThat(staleSeen).containsExactly(false, false);
        assertThat(jdbc.queryForObject("select count(*) from inbox_sequence where consumer = 'unordered'",
                Integer.class)).isZero();
        // The same events under the default policy: the older one is stale.
        assertThat(inbox.handle("ordered", newer, () -> { })).isEqualTo(InboxOutcome.APPLIED);
        assertThat(inbox.handle("ordered", older, () -> { })).isEqualTo(InboxOutcome.STALE);
    }

    @Test
    void idempotentHandlingRunsARedeliveryAgainAndRecordsNothing() {
        String consumer = "idempotent-projection";
        ConsumerRecord<String, NotificationSent> a = directRecord("idem-a");
        ConsumerRecord<String, NotificationSent> b = directRecord("idem-b");
        List<String> seen = new ArrayList<>();

        List<InboxOutcome> first = inbox.handleAllIdempotent(consumer, List.of(a, b),
                r -> seen.add(MessageContext.current().orElseThrow().metadata().getEventId()));
        List<InboxOutcome> again = inbox.handleAllIdempotent(consumer, List.of(b, a),
                r -> seen.add(MessageContext.current().orElseThrow().metadata().getEventId()));

        assertThat(first).containsExactly(InboxOutcome.APPLIED, InboxOutcome.APPLIED);
        assertThat(again).containsExactly(InboxOutcome.APPLIED, InboxOutcome.APPLIED);
        assertThat(seen).hasSize(4).containsOnly(a.value().getMetadata().getEventId(),
                b.value().getMetadata().getEventId());
        assertThat(jdbc.queryForObject("select count(*) from processed_event where consumer = ?", Integer.class,
                consumer)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from inbox_sequence where consumer = ?", Integer.class,
                consumer)).isZero();
    }

    @Test
    void handleAllAppliesDuplicatesWithinAndAcrossBatchesOnce() {
        String consumer = "batch-direct";
        ConsumerRecord<String, NotificationSent> a = directRecord("a");
        ConsumerRecord<String, NotificationSent> b = directRecord("b");
        ConsumerRecord<String, NotificationSent> c = directRecord("c");

        List<InboxOutcome> firstBatch = inbox.handleAll(consumer, List.of(a, a, b), listener::applyBatchEffect);
        List<InboxOutcome> secondBatch = inbox.handleAll(consumer, List.of(b, c, a, c), listener::applyBatchEffect);

        assertThat(firstBatch).containsExactly(InboxOutcome.APPLIED, InboxOutcome.DUPLICATE, InboxOutcome.APPLIED);
        assertThat(secondBatch).containsExactly(InboxOutcome.DUPLICATE, InboxOutcome.APPLIED,
                InboxOutcome.DUPLICATE, InboxOutcome.DUPLICATE);
        assertThat(batchEffects(a)).isEqualTo(1);
        assertThat(batchEffects(b)).isEqualTo(1);
        assertThat(batchEffects(c)).isEqualTo(1);
    }

    @Test
    void handleAllNamesTheFailedRecordAndKeepsTheRecordsBeforeItApplied() {
        String consumer = "batch-failing";
        ConsumerRecord<String, NotificationSent> before = directRecord("ok");
        ConsumerRecord<String, NotificationSent> failing = directRecord("bad");
        ConsumerRecord<String, NotificationSent> after = directRecord("next");

        assertThatThrownBy(() -> inbox.handleAll(consumer, List.of(before, failing, after), r -> {
            listener.applyBatchEffect(r);
            if (r == failing) {
                throw new IllegalStateException("boom");
            }
        })).isInstanceOfSatisfying(BatchListenerFailedException.class, ex -> assertThat(ex.getIndex()).isEqualTo(1));
        assertThat(batchEffects(before)).isEqualTo(1);
        assertThat(batchEffects(failing)).as("rolled back with its inbox row").isZero();
        assertThat(batchEffects(after)).isZero();

        // The container redelivers from the failed record on: it and the rest are applied once.
        assertThat(inbox.handleAll(consumer, List.of(failing, after), listener::applyBatchEffect))
                .containsExactly(InboxOutcome.APPLIED, InboxOutcome.APPLIED);
        assertThat(batchEffects(failing)).isEqualTo(1);
    }

    @Test
    void eventsTheConsumerDoesNotActOnAreIgnoredWithoutAnInboxRow() {
        String consumer = "batch-selective";
        ConsumerRecord<String, SpecificRecord> refund = refundRecord();
        ConsumerRecord<String, SpecificRecord> sent = anyRecord(directRecord("acted"));
        ConsumerRecord<String, SpecificRecord> alsoSent = anyRecord(directRecord("acted-too"));

        List<InboxOutcome> onlyRefunds = inbox.handleAll(consumer, List.of(refund, refund),
                Set.of(NotificationSent.class), listener::applyBatchEffect);
        assertThat(onlyRefunds).containsExactly(InboxOutcome.IGNORED, InboxOutcome.IGNORED);
        assertThat(processedCount(consumer)).isZero();

        List<InboxOutcome> mixed = inbox.handleAll(consumer, List.of(sent, refund, alsoSent, sent),
                Set.of(NotificationSent.class), listener::applyBatchEffect);
        assertThat(mixed).containsExactly(InboxOutcome.APPLIED, InboxOutcome.IGNORED, InboxOutcome.APPLIED,
                InboxOutcome.DUPLICATE);
        assertThat(batchEffects(sent)).isEqualTo(1);
        assertThat(batchEffects(refund)).isZero();
        assertThat(processedCount(consumer)).as("rows for the two events acted on only").isEqualTo(2);
    }

    @Test
    void aFailureAfterIgnoredEventsNamesItsIndexInTheWholePoll() {
        String consumer = "batch-selective-failing";
        ConsumerRecord<String, SpecificRecord> refund = refundRecord();
        ConsumerRecord<String, SpecificRecord> before = anyRecord(directRecord("ok"));
        ConsumerRecord<String, SpecificRecord> failing = anyRecord(directRecord("bad"));

        assertThatThrownBy(() -> inbox.handleAll(consumer, List.of(refund, before, refund, failing),
                Set.of(NotificationSent.class), r -> {
                    listener.applyBatchEffect(r);
                    if (r == failing) {
                        throw new IllegalStateException("boom");
                    }
                })).isInstanceOfSatisfying(BatchListenerFailedException.class,
                        ex -> assertThat(ex.getIndex()).isEqualTo(3));
        assertThat(batchEffects(before)).isEqualTo(1);
        assertThat(batchEffects(failing)).isZero();
    }

    @Test
    void batchListenerAppliesDuplicatedAndRedeliveredRecordsOnce() {
        String keyA = key("batch-a");
        String keyB = key("batch-b");
        NotificationSent a = event(keyA, 1);
        NotificationSent b = event(keyB, 1);
        double before = batchDuplicates();

        events.send("batch-test", keyA, a);
        events.send("batch-test", keyA, a);
        events.send("batch-test", keyB, b);
        await().atMost(WAIT).untilAsserted(() -> assertThat(batchDuplicates() - before).isEqualTo(1.0));
        events.send("batch-test", keyB, b);
        events.send("batch-test", keyA, a);

        await().atMost(WAIT).untilAsserted(() -> assertThat(batchDuplicates() - before).isEqualTo(3.0));
        assertThat(jdbc.queryForObject("select count(*) from test_batch_effect where record_key = ?", Integer.class,
                keyA)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from test_batch_effect where record_key = ?", Integer.class,
                keyB)).isEqualTo(1);
    }

    @Test
    void relayCrashBetweenSendAndMarkGivesADuplicateThatTheInboxAppliesOnce() {
        String key = key("crash");
        AtomicBoolean crashed = new AtomicBoolean();
        double before = counter("shopflow.inbox.duplicates");
        relay.afterSend(ids -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash after the acks, before the delete");
            }
        });
        try {
            transactions.executeWithoutResult(status -> outbox.append(TOPIC, key, m -> event(m, key)));

            await().atMost(WAIT).untilAsserted(() -> assertThat(counter("shopflow.inbox.duplicates") - before)
                    .isGreaterThanOrEqualTo(1.0));
            assertThat(crashed).isTrue();
            assertThat(effects(key)).isEqualTo(1);
        }
        finally {
            relay.afterSend(ids -> { });
        }
    }

    @Test
    void rejectedRecordIsDeadLetteredAtOnceAndItsReplayAppliesItOnlyOnce() {
        String key = key("replay");
        listener.rejected.add(key);
        events.send(TOPIC, key, event(key, 1));
        RestClient http = RestClient.create("http://localhost:" + port);

        Map<String, Object> letter = await().atMost(WAIT).until(() -> http.get()
                .uri("/dead-letters/{topic}?limit=1000", TOPIC).retrieve()
                .body(new ParameterizedTypeReference<List<Map<String, Object>>>() { })
                .stream().filter(l -> key.equals(l.get("key"))).findFirst().orElse(null), l -> l != null);
        assertThat(listener.attempts.get(key).get()).isEqualTo(1);
        assertThat(letter.get("exceptionClass")).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(letter.get("originalTopic")).isEqualTo(TOPIC);

        listener.rejected.remove(key);
        String replay = "/dead-letters/{topic}/{partition}/{offset}/replay";
        Object partition = letter.get("partition");
        Object offset = letter.get("offset");
        assertThat(http.post().uri(replay, letter.get("topic"), partition, offset).retrieve().toBodilessEntity()
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        await().atMost(WAIT).untilAsserted(() -> assertThat(effects(key)).isEqualTo(1));

        double before = counter("shopflow.inbox.duplicates");
        http.post().uri(replay, letter.get("topic"), partition, offset).retrieve().toBodilessEntity();
        await().atMost(WAIT).untilAsserted(() -> assertThat(counter("shopflow.inbox.duplicates") - before)
                .isEqualTo(1.0));
        assertThat(effects(key)).isEqualTo(1);
    }

    @Test
    void wellFormedEventOfAnotherTopicGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() {
        String key = key("wrong-type");
        events.send(TOPIC, key, com.shopflow.events.inventory.StockReserved.newBuilder()
                .setMetadata(TestEvents.metadata(key, "test-producer", 1)).setOrderId(key)
                .setLines(List.of()).build());
        events.send(TOPIC, key, event(key, 2));

        await().atMost(WAIT).untilAsserted(() -> assertThat(effects(key)).isEqualTo(1));
        await().atMost(WAIT).untilAsserted(() -> assertThat(deadLetters.list(TOPIC, 1000).stream()
                .filter(l -> key.equals(l.key())).toList()).singleElement().satisfies(letter -> assertThat(
                        letter.exceptionMessage()).contains("StockReserved does not belong on topic " + TOPIC)));
    }

    @Test
    void deadLettersOfATopicTheServiceDoesNotHaveAreA404ProblemAndCreateNoTopic() {
        RestClient http = RestClient.create("http://localhost:" + port);
        for (String topic : List.of("no-such-topic", "%25", "a b", "x".repeat(300))) {
            HttpStatus status = http.get().uri("/dead-letters/{topic}", topic)
                    .exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
            assertThat(status).as(topic).isEqualTo(HttpStatus.NOT_FOUND);
        }
        assertThat(Infrastructure.shared().admin().listTopics().names().toCompletionStage().toCompletableFuture()
                .join()).doesNotContain("no-such-topic.DLT");
    }

    @Test
    void unknownDeadLetterIsA404Problem() {
        RestClient http = RestClient.create("http://localhost:" + port);
        HttpStatus status = http.post().uri("/dead-letters/{topic}/0/999999/replay", TOPIC)
                .exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
        assertThat(status).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void outboxGaugesAndEndpointReportTheBacklog() {
        RestClient http = RestClient.create("http://localhost:" + port);
        Map<String, Object> report = http.get().uri("/admin/outbox").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(report).containsKeys("backlog", "oldestAgeSeconds", "failedCount", "failed");
        Map<String, Object> requeued = http.post().uri("/admin/outbox/requeue?topic={t}&key=nothing-parked", TOPIC)
                .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(requeued).containsEntry("requeued", 0);
        assertThat(meters.find("shopflow.outbox.backlog").gauge()).isNotNull();
        assertThat(meters.find("shopflow.outbox.oldest.age").gauge()).isNotNull();
    }

    private double counter(String name) {
        return meters.find(name).tag("consumer", "messaging-tests").counters().stream()
                .mapToDouble(c -> c.count()).sum();
    }

    private double batchDuplicates() {
        return meters.find(MessagingMeters.INBOX_DUPLICATES).tag("consumer", TestListener.BATCH_CONSUMER).counters()
                .stream().mapToDouble(c -> c.count()).sum();
    }

    private int batchEffects(ConsumerRecord<String, ? extends SpecificRecord> record) {
        return jdbc.queryForObject("select count(*) from test_batch_effect where event_id = ?::uuid", Integer.class,
                Inbox.metadataOf(record.value()).getEventId());
    }

    @SuppressWarnings("unchecked")
    private static ConsumerRecord<String, SpecificRecord> anyRecord(ConsumerRecord<String, ?> record) {
        return (ConsumerRecord<String, SpecificRecord>) record;
    }

    private static ConsumerRecord<String, SpecificRecord> refundRecord() {
        String key = key("refund");
        return new ConsumerRecord<>("batch-direct", 0, 0L, key, PaymentRefunded.newBuilder()
                .setMetadata(TestEvents.metadata(key, "test-producer", 2))
                .setOrderId(key)
                .setCustomerId("customer")
                .setPaymentId(UUID.randomUUID().toString())
                .setAmount(Money.newBuilder().setAmountMinor(100).setCurrency("EUR").build())
                .build());
    }

    private long processedCount(String consumer) {
        return jdbc.queryForObject("select count(*) from processed_event where consumer = ?", Long.class, consumer);
    }

    private static ConsumerRecord<String, NotificationSent> directRecord(String kind) {
        String key = key(kind);
        return record("batch-direct", key, event(key, 1));
    }

    private static ConsumerRecord<String, NotificationSent> record(String topic, String key, NotificationSent event) {
        return new ConsumerRecord<>(topic, 0, 0L, key, event);
    }

    private static String header(ConsumerRecord<String, Object> record, String name) {
        return record.headers().lastHeader(name) == null ? null
                : new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private int effects(String key) {
        return jdbc.queryForObject("select count(*) from test_effect where record_key = ?", Integer.class, key);
    }

    private static String key(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    private static NotificationSent event(String key, long sequence) {
        return event(TestEvents.metadata(key, "test-producer", sequence), key);
    }

    private static NotificationSent event(EventMetadata metadata, String key) {
        return NotificationSent.newBuilder()
                .setMetadata(metadata)
                .setOrderId(key)
                .setKind(NotificationKind.ORDER_CONFIRMED)
                .setRecipient("customer@example.com")
                .setMessageId("<" + metadata.getEventId() + "@shopflow>")
                .setSentAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .build();
    }
}
