package com.shopflow.messaging.relay;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.jayway.jsonpath.JsonPath;
import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.messaging.EventHeaders;
import com.shopflow.messaging.kafka.AvroEventSerializer;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.messaging.outbox.OutboxMonitor;
import com.shopflow.messaging.outbox.TraceContext;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.transaction.IllegalTransactionStateException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The outbox and its relay against a real PostgreSQL, Kafka broker and registry, without Spring. */
class RelayTests {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private static final RelayFixture fixture = new RelayFixture(() -> TRACEPARENT);

    @BeforeEach
    void emptyOutbox() {
        fixture.clean();
    }

    @AfterEach
    void stopRelays() {
        fixture.closeRelays();
    }

    @Test
    void publishesExactlyTheCommittedEventsWithKeyHeadersAndPerKeyOrder() {
        String topic = fixture.newTopic(3);
        fixture.startRelay();
        List<EventMetadata> appended = new ArrayList<>();
        fixture.transactions.executeWithoutResult(status -> {
            for (int i = 0; i < 3; i++) {
                appended.add(fixture.outbox.append(topic, "order-1", m -> RelayFixture.event(m, "order-1")));
            }
            appended.add(fixture.outbox.append(topic, "order-2", m -> RelayFixture.event(m, "order-2")));
            appended.add(fixture.outbox.append(topic, "order-2", m -> RelayFixture.event(m, "order-2")));
        });
        appended.add(fixture.appendCommitted(topic, "order-1"));

        List<ConsumerRecord<String, Object>> records = awaitRecords(topic, 6);

        assertThat(eventIds(records)).containsExactlyInAnyOrderElementsOf(
                appended.stream().map(EventMetadata::getEventId).toList());
        assertThat(sequencesByKey(records)).containsEntry("order-1", List.of(1L, 2L, 3L, 4L))
                .containsEntry("order-2", List.of(1L, 2L));
        ConsumerRecord<String, Object> first = records.stream()
                .filter(r -> r.key().equals("order-1")).findFirst().orElseThrow();
        NotificationSent event = (NotificationSent) first.value();
        assertThat(header(first, EventHeaders.EVENT_ID)).isEqualTo(event.getMetadata().getEventId());
        assertThat(header(first, EventHeaders.EVENT_TYPE)).isEqualTo(NotificationSent.class.getName());
        assertThat(header(first, EventHeaders.CORRELATION_ID)).isEqualTo("order-1");
        assertThat(header(first, EventHeaders.TRACEPARENT)).isEqualTo(TRACEPARENT);
        assertThat(first.headers().lastHeader(EventHeaders.CAUSATION_ID)).isNull();
        assertThat(event.getMetadata().getProducer()).isEqualTo("relay-tests");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fixture.jdbc.queryForObject("select count(*) from outbox_event", Long.class)).isZero());
    }

    @Test
    void relayedEventIsDecodableByAPlainAvroReaderWithTheSchemaFromTheConfluentCompatibleApi() throws Exception {
        String topic = fixture.newTopic(1);
        fixture.startRelay();
        EventMetadata appended;
        // A serializer of its own: a fresh schema lookup, not one cached by an earlier test.
        try (AvroEventSerializer serializer = new AvroEventSerializer(fixture.infrastructure.registryUrl())) {
            Outbox outbox = new Outbox(fixture.jdbc, serializer, "relay-tests", TraceContext.none(),
                    java.time.Clock.systemUTC());
            appended = fixture.transactions.execute(status ->
                    outbox.append(topic, "order-9", m -> RelayFixture.event(m, "order-9")));
        }

        byte[] bytes = await().atMost(Duration.ofSeconds(30)).until(() -> rawValues(topic), v -> !v.isEmpty()).get(0);

        assertThat(bytes[0]).as("Confluent magic byte").isZero();
        int schemaId = ByteBuffer.wrap(bytes, 1, 4).getInt();
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newHttpClient()) {
            response = http.send(HttpRequest.newBuilder(URI.create(fixture.infrastructure.registryUrl()
                    + "/apis/ccompat/v7/schemas/ids/" + schemaId)).build(), HttpResponse.BodyHandlers.ofString());
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Schema writer = new Schema.Parser().parse(JsonPath.<String>read(response.body(), "$.schema"));
        GenericRecord decoded = new GenericDatumReader<GenericRecord>(writer).read(null,
                DecoderFactory.get().binaryDecoder(bytes, 5, bytes.length - 5, null));
        assertThat(writer.getFullName()).isEqualTo(NotificationSent.class.getName());
        assertThat(decoded.get("orderId").toString()).isEqualTo("order-9");
        GenericRecord metadata = (GenericRecord) decoded.get("metadata");
        assertThat(metadata.get("eventId").toString()).isEqualTo(appended.getEventId());
        assertThat(metadata.get("sequence")).isEqualTo(appended.getSequence());
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        String topic = fixture.newTopic(1);
        fixture.startRelay();
        EventMetadata rolledBack = fixture.transactions.execute(status -> {
            EventMetadata metadata = fixture.outbox.append(topic, "order-1", m -> RelayFixture.event(m, "order-1"));
            status.setRollbackOnly();
            return metadata;
        });
        EventMetadata marker = fixture.appendCommitted(topic, "order-1");

        List<ConsumerRecord<String, Object>> records = awaitRecords(topic, 1);

        assertThat(eventIds(records)).containsExactly(marker.getEventId())
                .doesNotContain(rolledBack.getEventId());
        // The sequence counter rolled back too: the committed event is the key's first.
        assertThat(marker.getSequence()).isEqualTo(1L);
    }

    @Test
    void appendOutsideATransactionFails() {
        assertThatThrownBy(() -> fixture.outbox.append("orders", "order-1", m -> RelayFixture.event(m, "order-1")))
                .isInstanceOf(IllegalTransactionStateException.class)
                .hasMessageContaining("MANDATORY");
    }

    @Test
    void keepsEachKeysCommitOrderWhenTransactionsCommitOutOfIdOrder() throws Exception {
        String topic = fixture.newTopic(2);
        fixture.startRelay();
        CountDownLatch appendedA = new CountDownLatch(1);
        CountDownLatch commitA = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // A takes the lower id for key-1 and commits last of all.
            CompletableFuture<EventMetadata> a = CompletableFuture.supplyAsync(() ->
                    fixture.transactions.execute(status -> {
                        EventMetadata metadata = fixture.outbox.append(topic, "key-1",
                                m -> RelayFixture.event(m, "key-1"));
                        appendedA.countDown();
                        awaitLatch(commitA);
                        return metadata;
                    }), threads);
            assertThat(appendedA.await(10, TimeUnit.SECONDS)).isTrue();
            // Another key commits first with a higher id and is published while A is open.
            EventMetadata other = fixture.appendCommitted(topic, "key-2");
            assertThat(eventIds(awaitRecords(topic, 1))).containsExactly(other.getEventId());
            // B appends for A's key: it waits for A's lock on the key's counter, so it sequences after A.
            CompletableFuture<EventMetadata> b = CompletableFuture.supplyAsync(
                    () -> fixture.appendCommitted(topic, "key-1"), threads);
            commitA.countDown();
            EventMetadata first = a.get(10, TimeUnit.SECONDS);
            EventMetadata second = b.get(10, TimeUnit.SECONDS);

            List<ConsumerRecord<String, Object>> records = awaitRecords(topic, 3);

            assertThat(first.getSequence()).isEqualTo(1L);
            assertThat(second.getSequence()).isEqualTo(2L);
            assertThat(eventIdsOfKey(records, "key-1")).containsExactly(first.getEventId(), second.getEventId());
        }
        finally {
            commitA.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentTransactionsOnManyKeysArriveInCommitOrderWithoutGaps() throws Exception {
        String topic = fixture.newTopic(6);
        fixture.startRelay();
        Set<String> appended = Collections.synchronizedSet(new HashSet<>());
        runConcurrently(6, 60, topic, 25, appended);

        List<ConsumerRecord<String, Object>> records = awaitRecords(topic, appended.size());

        assertThat(new HashSet<>(eventIds(records))).isEqualTo(appended);
        assertThat(records).hasSize(appended.size());
        sequencesByKey(records).forEach((key, sequences) ->
                assertThat(sequences).as("sequences of %s in arrival order", key)
                        .isEqualTo(contiguous(sequences.size())));
    }

    @Test
    void pipelinedSmallBatchesKeepEachKeysCommitOrderWithoutGaps() throws Exception {
        String topic = fixture.newTopic(6);
        // Batches of 3 rows: the relay almost always has one batch in flight while it reads and sends the next.
        fixture.newRelay(Map.of(), 3).start();
        Set<String> appended = Collections.synchronizedSet(new HashSet<>());
        runConcurrently(6, 60, topic, 25, appended);

        List<ConsumerRecord<String, Object>> records = awaitRecords(topic, appended.size());

        assertThat(new HashSet<>(eventIds(records))).isEqualTo(appended);
        assertThat(records).hasSize(appended.size());
        sequencesByKey(records).forEach((key, sequences) ->
                assertThat(sequences).as("sequences of %s in arrival order", key)
                        .isEqualTo(contiguous(sequences.size())));
    }

    @Test
    void rowThatCommitsBelowTheBatchInFlightIsPublishedBeforeItsKeysNextEvent() throws Exception {
        String topic = fixture.newTopic(2);
        CountDownLatch appendedA = new CountDownLatch(1);
        CountDownLatch commitA = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(1);
        try {
            // A takes a low id for key-1 and stays open while later rows of other keys are relayed.
            CompletableFuture<EventMetadata> a = CompletableFuture.supplyAsync(() ->
                    fixture.transactions.execute(status -> {
                        EventMetadata metadata = fixture.outbox.append(topic, "key-1",
                                m -> RelayFixture.event(m, "key-1"));
                        appendedA.countDown();
                        awaitLatch(commitA);
                        return metadata;
                    }), threads);
            assertThat(appendedA.await(10, TimeUnit.SECONDS)).isTrue();
            List<String> others = fixture.transactions.execute(status -> {
                List<String> ids = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    String key = "other-" + i;
                    ids.add(fixture.outbox.append(topic, key, m -> RelayFixture.event(m, key)).getEventId());
                }
                return ids;
            });
            OutboxRelay relay = fixture.newRelay(Map.of(), 2);
            AtomicBoolean committed = new AtomicBoolean();
            AtomicReference<EventMetadata> next = new AtomicReference<>();
            // A commits, then key-1's next event, while the relay has a batch of higher ids in flight: its next read
            // must pick A up before the next event (reading only above the last id sent would skip A and send it
            // after its successor).
            relay.afterSend(ids -> {
                if (committed.compareAndSet(false, true)) {
                    commitA.countDown();
                    a.join();
                    next.set(fixture.appendCommitted(topic, "key-1"));
                }
            });
            relay.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> next.get() != null);
            EventMetadata first = a.get(10, TimeUnit.SECONDS);
            EventMetadata second = next.get();

            List<ConsumerRecord<String, Object>> records = awaitRecords(topic, 12);

            assertThat(eventIds(records)).containsAll(others).hasSize(12);
            assertThat(eventIdsOfKey(records, "key-1")).containsExactly(first.getEventId(), second.getEventId());
        }
        finally {
            commitA.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void twoRelaysOnOneDatabaseNeitherReorderNorLoseWhenTheActiveOneStops() throws Exception {
        String topic = fixture.newTopic(6);
        OutboxRelay one = fixture.startRelay();
        OutboxRelay two = fixture.startRelay();
        await().atMost(Duration.ofSeconds(10)).until(() -> one.isActive() || two.isActive());
        assertThat(one.isActive() && two.isActive()).isFalse();
        OutboxRelay active = one.isActive() ? one : two;
        OutboxRelay standby = active == one ? two : one;
        Set<String> appended = Collections.synchronizedSet(new HashSet<>());

        runConcurrently(4, 40, topic, 20, appended);
        active.close();
        runConcurrently(4, 40, topic, 20, appended);

        await().atMost(Duration.ofSeconds(10)).until(standby::isActive);
        List<ConsumerRecord<String, Object>> records = awaitDistinct(topic, appended.size());
        assertThat(new HashSet<>(eventIds(records))).isEqualTo(appended);
        firstOccurrenceSequencesByKey(records).forEach((key, sequences) ->
                assertThat(sequences).as("sequences of %s in arrival order", key)
                        .isEqualTo(contiguous(sequences.size())));
    }

    @Test
    void crashBetweenSendAndMarkSendsTheEventAgainInsteadOfLosingIt() {
        String topic = fixture.newTopic(1);
        OutboxRelay relay = fixture.newRelay(Map.of());
        AtomicBoolean crashed = new AtomicBoolean();
        relay.afterSend(ids -> {
            if (crashed.compareAndSet(false, true)) {
                throw new IllegalStateException("simulated crash after the acks, before the delete");
            }
        });
        EventMetadata appended = fixture.appendCommitted(topic, "order-1");
        relay.start();

        List<ConsumerRecord<String, Object>> records = awaitRecords(topic, 2);

        assertThat(crashed).isTrue();
        assertThat(eventIds(records)).containsExactly(appended.getEventId(), appended.getEventId());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(fixture.jdbc.queryForObject("select count(*) from outbox_event", Long.class)).isZero());
    }

    @Test
    void pooledConnectionGoesBackWithoutTheRelaysLockListenOrAsynchronousCommit() throws Exception {
        String topic = fixture.newTopic(1);
        try (Connection physical = DriverManager.getConnection(fixture.infrastructure.jdbcUrl(RelayFixture.DATABASE),
                fixture.infrastructure.username(), fixture.infrastructure.password())) {
            // What a pool hands out: close() returns the connection instead of closing it.
            Connection pooled = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return method.invoke(physical, args);
                        }
                        catch (InvocationTargetException ex) {
                            throw ex.getCause();
                        }
                    });
            String serverDefault;
            try (Statement statement = physical.createStatement()) {
                serverDefault = single(statement, "show synchronous_commit");
                // A session setting of the previous borrower: gone only if the relay reset the session.
                statement.execute("set shopflow.borrower = 'previous'");
            }
            OutboxRelay relay = fixture.newRelay(Map.of(), 1000, () -> pooled);
            relay.start();
            EventMetadata appended = fixture.appendCommitted(topic, "order-1");
            assertThat(eventIds(awaitRecords(topic, 1))).containsExactly(appended.getEventId());

            relay.close();

            try (Statement statement = physical.createStatement()) {
                assertThat(single(statement, "select current_setting('shopflow.borrower', true)")).isEmpty();
                assertThat(single(statement, "show synchronous_commit")).isEqualTo(serverDefault);
                assertThat(single(statement, "select count(*) from pg_listening_channels()")).isEqualTo("0");
                assertThat(single(statement, "select count(*) from pg_locks where locktype = 'advisory'"
                        + " and pid = pg_backend_pid()")).isEqualTo("0");
            }
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void poisonRowIsParkedWithItsKeyAndDoesNotBlockOtherKeys() {
        String topic = fixture.newTopic(2);
        // A row Kafka will never accept: larger than the producer's max.request.size.
        byte[] huge = new byte[2 * 1024 * 1024];
        String poisonId = UUID.randomUUID().toString();
        fixture.jdbc.update("""
                insert into outbox_event (event_id, topic, record_key, event_type, sequence, payload, correlation_id)
                values (?::uuid, ?, 'poisoned', 'test.Huge', 1, ?, 'poisoned')""", poisonId, topic, huge);
        EventMetadata behind = fixture.appendCommitted(topic, "poisoned");
        EventMetadata healthy = fixture.appendCommitted(topic, "healthy");
        fixture.startRelay();

        List<ConsumerRecord<String, Object>> records = awaitRecords(topic, 1);

        assertThat(eventIds(records)).containsExactly(healthy.getEventId());
        OutboxMonitor monitor = new OutboxMonitor(fixture.jdbc, fixture.meters, Duration.ZERO);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(monitor.failed(10))
                .extracting(OutboxMonitor.FailedEvent::eventId).containsExactly(poisonId, behind.getEventId()));
        assertThat(monitor.failed(10).get(0).error()).contains("RecordTooLargeException");
        assertThat(monitor.failed(10).get(1).error()).contains("held behind");
        assertThat(monitor.stats().failed()).isEqualTo(2);
        assertThat(fixture.meters.get("shopflow.relay.failures").tag("kind", "poison").counter().count())
                .isGreaterThanOrEqualTo(1.0);

        // Once the poison row is dealt with (here: made small), requeueing the key publishes both in order.
        fixture.jdbc.update("update outbox_failed set payload = ? where event_id = ?::uuid",
                fixture.serializer.serialize(topic, RelayFixture.event(RelayFixture.metadataLike(poisonId), "poisoned")),
                poisonId);
        assertThat(monitor.requeue(topic, "poisoned")).isEqualTo(2);
        List<ConsumerRecord<String, Object>> after = awaitRecords(topic, 3);
        assertThat(eventIdsOfKey(after, "poisoned")).containsExactly(poisonId, behind.getEventId());
    }

    private void runConcurrently(int threads, int transactionsPerThread, String topic, int keys, Set<String> appended)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<CompletableFuture<Void>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(CompletableFuture.runAsync(() -> {
                    for (int i = 0; i < transactionsPerThread; i++) {
                        fixture.transactions.executeWithoutResult(status -> {
                            // Keys in a fixed order within a transaction: the counters' row locks then cannot
                            // deadlock (see docs/decisions.md).
                            java.util.TreeSet<String> chosen = new java.util.TreeSet<>();
                            int events = 1 + ThreadLocalRandom.current().nextInt(3);
                            for (int e = 0; e < events; e++) {
                                chosen.add("key-" + ThreadLocalRandom.current().nextInt(keys));
                            }
                            for (String key : chosen) {
                                appended.add(fixture.outbox.append(topic, key, m -> RelayFixture.event(m, key))
                                        .getEventId());
                            }
                        });
                    }
                }, pool));
            }
            CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        }
        finally {
            pool.shutdownNow();
        }
    }

    private List<ConsumerRecord<String, Object>> awaitRecords(String topic, int count) {
        List<List<ConsumerRecord<String, Object>>> result = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<ConsumerRecord<String, Object>> records = fixture.infrastructure.events()
                    .readAll(topic, Duration.ofSeconds(10));
            assertThat(records).hasSizeGreaterThanOrEqualTo(count);
            result.add(records);
        });
        return result.get(result.size() - 1);
    }

    private List<ConsumerRecord<String, Object>> awaitDistinct(String topic, int count) {
        List<List<ConsumerRecord<String, Object>>> result = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            List<ConsumerRecord<String, Object>> records = fixture.infrastructure.events()
                    .readAll(topic, Duration.ofSeconds(10));
            assertThat(new HashSet<>(eventIds(records))).hasSizeGreaterThanOrEqualTo(count);
            result.add(records);
        });
        return result.get(result.size() - 1);
    }

    private List<byte[]> rawValues(String topic) {
        Map<String, Object> config = Map.of("bootstrap.servers", fixture.infrastructure.kafkaBootstrapServers(),
                "key.deserializer", StringDeserializer.class, "value.deserializer", ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<byte[]> values = new ArrayList<>();
            consumer.poll(Duration.ofSeconds(2)).forEach(r -> values.add(r.value()));
            return values;
        }
    }

    private static List<String> eventIds(List<ConsumerRecord<String, Object>> records) {
        return records.stream().map(r -> ((NotificationSent) r.value()).getMetadata().getEventId()).toList();
    }

    private static List<String> eventIdsOfKey(List<ConsumerRecord<String, Object>> records, String key) {
        return eventIds(records.stream().filter(r -> r.key().equals(key)).toList());
    }

    private static Map<String, List<Long>> sequencesByKey(List<ConsumerRecord<String, Object>> records) {
        Map<String, List<Long>> result = new LinkedHashMap<>();
        for (ConsumerRecord<String, Object> record : records) {
            result.computeIfAbsent(record.key(), k -> new ArrayList<>())
                    .add(((NotificationSent) record.value()).getMetadata().getSequence());
        }
        return result;
    }

    private static Map<String, List<Long>> firstOccurrenceSequencesByKey(List<ConsumerRecord<String, Object>> records) {
        Set<String> seen = new HashSet<>();
        return sequencesByKey(records.stream()
                .filter(r -> seen.add(((NotificationSent) r.value()).getMetadata().getEventId())).toList());
    }

    private static List<Long> contiguous(int size) {
        List<Long> result = new ArrayList<>(size);
        for (long i = 1; i <= size; i++) {
            result.add(i);
        }
        return result;
    }

    private static String header(ConsumerRecord<String, Object> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
