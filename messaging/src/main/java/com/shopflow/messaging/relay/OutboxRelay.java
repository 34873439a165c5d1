package com.shopflow.messaging.relay;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import com.shopflow.messaging.EventHeaders;
import com.shopflow.messaging.MessagingProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed outbox rows to Kafka on a dedicated thread, in id order, then deletes them. Only the instance
 * holding the database's advisory lock relays; the others stand by and take over when its connection drops. Woken by
 * {@code NOTIFY shopflow_outbox} on commit, polling as a fallback. A crash between send and delete re-sends the
 * rows (duplicates, never loss). Usable without Spring: construct, {@link #start()}, {@link #close()}.
 */
public class OutboxRelay implements AutoCloseable {

    /** The notification channel the outbox trigger signals on. */
    public static final String CHANNEL = "shopflow_outbox";

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    // The limit keeps the plan an index scan (it passes over deleted rows' entries cheaply once they are marked dead);
    // without it stale statistics after a large drain can pick a bitmap heap scan that visits every deleted row.
    private static final String SELECT = """
            select id, topic, record_key, payload, event_id, event_type, traceparent, correlation_id, causation_id
            from outbox_event order by id limit ?""";
    private static final String DELETE = "delete from outbox_event where id = any(?)";
    // A range of consecutive ids holds exactly those rows: a range scan, much cheaper than one index probe per id.
    private static final String DELETE_RANGE = "delete from outbox_event where id between ? and ?";
    private static final int MIN_RANGE = 8;
    private static final String PARK = """
            with moved as (delete from outbox_event where id = ? returning *)
            insert into outbox_failed (id, event_id, topic, record_key, event_type, sequence, payload, traceparent,
                                       correlation_id, causation_id, created_at, error)
            select id, event_id, topic, record_key, event_type, sequence, payload, traceparent, correlation_id,
                   causation_id, created_at, ? from moved""";
    // A held row is parked only while its key still has a failed row (an operator may have requeued the key).
    private static final String PARK_HELD = PARK + " " + """
             where exists (select 1 from outbox_failed f where f.topic = ? and f.record_key = ?)""";
    private static final String BLOCKED_KEYS = "select distinct topic, record_key from outbox_failed";

    private final MessagingProperties.Relay settings;
    private final RelayConnections connections;
    private final Producer<String, byte[]> producer;
    private final Counter sent;
    private final Counter transientFailures;
    private final Counter poisonRows;
    private final DistributionSummary batchSizes;
    private final Object wakeUp = new Object();

    private volatile boolean running;
    private volatile boolean active;
    private volatile Consumer<List<Long>> afterSend = ids -> { };
    private Thread thread;
    private Connection connection;
    private Set<Key> blocked = new HashSet<>();
    private long blockedLoadedAt;

    /**
     * @param settings    batch size, poll interval, back-off and lock id
     * @param connections opens the relay's dedicated connection
     * @param producer    an idempotent producer ({@link #producerConfig}); the relay closes it
     * @param meters      where sends, failures and batch sizes are recorded
     */
    public OutboxRelay(MessagingProperties.Relay settings, RelayConnections connections,
            Producer<String, byte[]> producer, MeterRegistry meters) {
        this.settings = settings;
        this.connections = connections;
        this.producer = producer;
        this.sent = Counter.builder("shopflow.relay.sent").description("Outbox events acknowledged by Kafka")
                .register(meters);
        this.transientFailures = Counter.builder("shopflow.relay.failures").tag("kind", "transient")
                .description("Relay sends that failed").register(meters);
        this.poisonRows = Counter.builder("shopflow.relay.failures").tag("kind", "poison")
                .description("Relay sends that failed").register(meters);
        this.batchSizes = DistributionSummary.builder("shopflow.relay.batch.size")
                .description("Rows published per relay round").register(meters);
    }

    /** Producer settings for the relay: idempotent, {@code acks=all}, String keys and byte[] values. */
    public static Map<String, Object> producerConfig(Map<String, Object> base) {
        Map<String, Object> config = new HashMap<>(base);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        return config;
    }

    /** A relay with its own producer to {@code bootstrapServers}, e.g. for a benchmark. */
    public static OutboxRelay standalone(MessagingProperties.Relay settings, RelayConnections connections,
            String bootstrapServers, MeterRegistry meters) {
        Map<String, Object> config = producerConfig(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        return new OutboxRelay(settings, connections, new KafkaProducer<>(config), meters);
    }

    /** Starts the relay thread; it relays when it gets the lock, else stands by. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whether this instance currently holds the lock and relays. */
    public boolean isActive() {
        return active;
    }

    /** Whether the relay thread runs. */
    public boolean isRunning() {
        return running;
    }

    /**
     * Test seam: runs after Kafka acknowledged a batch and before its rows are deleted. A hook that throws simulates
     * a crash at the worst moment: the relay drops its connection (and lock) without deleting.
     */
    public void afterSend(Consumer<List<Long>> hook) {
        this.afterSend = hook;
    }

    /** Stops the thread, releases the lock and closes the producer. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            this.running = false;
            running = this.thread;
        }
        synchronized (wakeUp) {
            wakeUp.notifyAll();
        }
        if (running != null) {
            try {
                running.join(settings.pollInterval().toMillis() + 35_000);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }
        producer.close(Duration.ofSeconds(5));
    }

    private void loop() {
        long backoff = 0;
        while (running) {
            try {
                if (connection == null) {
                    connect();
                }
                if (!active) {
                    if (!tryLock()) {
                        pause(settings.pollInterval().toMillis());
                        continue;
                    }
                    active = true;
                    listen();
                    blocked = loadBlockedKeys();
                    log.info("Outbox relay is active (lock {})", settings.lockId());
                }
                drain();
                backoff = 0;
                awaitNotification();
            }
            catch (SendFailedException ex) {
                transientFailures.increment();
                backoff = backoff == 0 ? settings.initialBackoff().toMillis()
                        : Math.min(backoff * 2, settings.maxBackoff().toMillis());
                log.warn("Outbox relay send failed, retrying in {} ms: {}", backoff, ex.getMessage());
                pause(backoff);
            }
            catch (Exception ex) {
                backoff = backoff == 0 ? settings.initialBackoff().toMillis()
                        : Math.min(backoff * 2, settings.maxBackoff().toMillis());
                if (running) {
                    log.warn("Outbox relay lost its connection or failed, reconnecting in {} ms", backoff, ex);
                }
                disconnect();
                pause(backoff);
            }
        }
        disconnect();
    }

    /**
     * Relays until the outbox is empty, one batch at a time: read the lowest ids, send, wait for Kafka's acks, delete.
     * Rows are deleted only after their ack: a crash in between re-sends them. (Reading batch N+1 while N was in
     * flight was tried and reordered a key under concurrent appends in RelayTests, so it is off until that is found.)
     */
    private void drain() throws SQLException, SendFailedException {
        while (running) {
            List<Row> rows = fetch();
            if (rows.isEmpty()) {
                break;
            }
            boolean full = rows.size() >= settings.batchSize();
            Batch sent = send(rows);
            if (!full) {
                // Caught up: don't let the last records wait for linger.ms.
                producer.flush();
            }
            complete(sent);
            if (!full) {
                break;
            }
        }
    }

    /** The next batch: the lowest ids, in id order. */
    private List<Row> fetch() throws SQLException {
        List<Row> rows = new ArrayList<>(Math.min(settings.batchSize(), 4096));
        try (PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setInt(1, settings.batchSize());
            readRows(select, rows);
        }
        return rows;
    }

    private static void readRows(PreparedStatement select, List<Row> rows) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
            }
        }
    }

    /** Hands the rows to the producer (without waiting); rows of keys with a parked event are held back. */
    private Batch send(List<Row> rows) throws SQLException {
        refreshBlockedKeys();
        List<Future<RecordMetadata>> futures = new ArrayList<>(rows.size());
        List<Row> held = new ArrayList<>();
        List<Row> sentRows = new ArrayList<>(rows.size());
        for (Row row : rows) {
            Key key = new Key(row.topic(), row.key());
            if (blocked.contains(key)) {
                held.add(row);
                continue;
            }
            Future<RecordMetadata> future = producer.send(row.toRecord());
            // Size and serialization errors fail the future at once: hold the key's later rows back.
            if (future.isDone() && isPoison(failure(future))) {
                blocked.add(key);
            }
            futures.add(future);
            sentRows.add(row);
        }
        return new Batch(sentRows, futures, held);
    }

    /** Waits for the batch's acks, deletes the acknowledged rows, parks poison rows and the rows held behind them. */
    private void complete(Batch batch) throws SQLException, SendFailedException {
        List<Row> sentRows = batch.sentRows();
        List<Long> acked = new ArrayList<>(sentRows.size());
        List<Row> poison = new ArrayList<>();
        List<Throwable> poisonErrors = new ArrayList<>();
        Throwable transientError = null;
        for (int i = 0; i < sentRows.size(); i++) {
            Throwable error = failure(batch.futures().get(i));
            if (error == null) {
                acked.add(sentRows.get(i).id());
            }
            else if (isPoison(error)) {
                poison.add(sentRows.get(i));
                poisonErrors.add(error);
            }
            else if (transientError == null) {
                transientError = error;
            }
        }
        if (!acked.isEmpty()) {
            afterSend.accept(acked);
            delete(acked);
            sent.increment(acked.size());
            batchSizes.record(acked.size());
        }
        for (int i = 0; i < poison.size(); i++) {
            Row row = poison.get(i);
            Throwable error = poisonErrors.get(i);
            log.error("Outbox event {} ({} to {} key {}) cannot be published and is parked in outbox_failed: {}",
                    row.eventId(), row.eventType(), row.topic(), row.key(), error.toString());
            park(row, error.getClass().getName() + ": " + error.getMessage(), false);
            blocked.add(new Key(row.topic(), row.key()));
            poisonRows.increment();
        }
        for (Row row : batch.held()) {
            if (!park(row, "held behind a failed event of the same key", true)) {
                blocked.remove(new Key(row.topic(), row.key()));
            }
        }
        if (transientError != null) {
            throw new SendFailedException(transientError);
        }
    }

    /** Deletes the acknowledged rows ({@code acked} in ascending order): runs of consecutive ids as ranges. */
    private void delete(List<Long> acked) throws SQLException {
        List<Long> singles = new ArrayList<>();
        try (PreparedStatement ranges = connection.prepareStatement(DELETE_RANGE)) {
            boolean batched = false;
            int start = 0;
            for (int i = 1; i <= acked.size(); i++) {
                if (i == acked.size() || acked.get(i) != acked.get(i - 1) + 1) {
                    if (i - start >= MIN_RANGE) {
                        ranges.setLong(1, acked.get(start));
                        ranges.setLong(2, acked.get(i - 1));
                        ranges.addBatch();
                        batched = true;
                    }
                    else {
                        singles.addAll(acked.subList(start, i));
                    }
                    start = i;
                }
            }
            if (batched) {
                ranges.executeBatch();
            }
        }
        if (!singles.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(DELETE)) {
                Array ids = connection.createArrayOf("bigint", singles.toArray());
                delete.setArray(1, ids);
                delete.executeUpdate();
            }
        }
    }

    private boolean park(Row row, String error, boolean heldOnly) throws SQLException {
        try (PreparedStatement park = connection.prepareStatement(heldOnly ? PARK_HELD : PARK)) {
            park.setLong(1, row.id());
            park.setString(2, error);
            if (heldOnly) {
                park.setString(3, row.topic());
                park.setString(4, row.key());
            }
            return park.executeUpdate() > 0;
        }
    }

    private static Throwable failure(Future<RecordMetadata> future) {
        try {
            future.get();
            return null;
        }
        catch (ExecutionException ex) {
            return ex.getCause();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return ex;
        }
    }

    /** Errors that re-sending the same bytes can never fix. */
    static boolean isPoison(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidTopicException || error instanceof SerializationException
                || error instanceof org.apache.kafka.common.InvalidRecordException;
    }

    private void connect() throws SQLException {
        connection = connections.open();
        connection.setAutoCommit(true);
        // The relay's own writes (deleting sent rows, parking failed ones) need not wait for the WAL flush: if the
        // database crashes before it, the rows come back and are sent again, which the consumers' inboxes absorb.
        // It takes an fsync off every relay round, which the saga waits for between two events.
        try (Statement statement = connection.createStatement()) {
            statement.execute("set synchronous_commit = off");
        }
    }

    private boolean tryLock() throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            lock.setLong(1, settings.lockId());
            try (ResultSet rs = lock.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private void listen() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("listen " + CHANNEL);
        }
    }

    private void awaitNotification() throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        pg.getNotifications((int) Math.max(1, settings.pollInterval().toMillis()));
    }

    private Set<Key> loadBlockedKeys() throws SQLException {
        Set<Key> keys = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(BLOCKED_KEYS)) {
            while (rs.next()) {
                keys.add(new Key(rs.getString(1), rs.getString(2)));
            }
        }
        blockedLoadedAt = System.nanoTime();
        return keys;
    }

    // Picks up keys an operator requeued (or parked by another instance) without a query on every round.
    private void refreshBlockedKeys() throws SQLException {
        if (System.nanoTime() - blockedLoadedAt > settings.pollInterval().toNanos()) {
            blocked = loadBlockedKeys();
        }
    }

    private void disconnect() {
        if (active) {
            log.info("Outbox relay is no longer active");
        }
        active = false;
        if (connection != null) {
            // A pooled connection (RelayConnections.from) goes back without the relay's lock, LISTEN and asynchronous
            // commit. A dead one is skipped: its session, and so its settings, are gone anyway.
            try (Connection closing = connection; Statement statement = closing.createStatement()) {
                if (closing.isValid(2)) {
                    statement.execute("discard all");
                }
            }
            catch (SQLException ex) {
                log.debug("Resetting or closing the relay connection failed", ex);
            }
            connection = null;
        }
    }

    private void pause(long millis) {
        synchronized (wakeUp) {
            if (running && millis > 0) {
                try {
                    wakeUp.wait(millis);
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
    }

    private record Key(String topic, String key) {
    }

    /** Rows read in one round: those handed to the producer with their futures, and those held back. */
    private record Batch(List<Row> sentRows, List<Future<RecordMetadata>> futures, List<Row> held) {
    }

    private record Row(long id, String topic, String key, byte[] payload, String eventId, String eventType,
            String traceparent, String correlationId, String causationId) {

        ProducerRecord<String, byte[]> toRecord() {
            RecordHeaders headers = new RecordHeaders();
            add(headers, EventHeaders.EVENT_ID, eventId);
            add(headers, EventHeaders.EVENT_TYPE, eventType);
            add(headers, EventHeaders.CORRELATION_ID, correlationId);
            add(headers, EventHeaders.CAUSATION_ID, causationId);
            add(headers, EventHeaders.TRACEPARENT, traceparent);
            return new ProducerRecord<>(topic, null, key, payload, headers);
        }

        private static void add(RecordHeaders headers, String name, String value) {
            if (value != null) {
                headers.add(new RecordHeader(name, value.getBytes(StandardCharsets.UTF_8)));
            }
        }
    }

    private static final class SendFailedException extends Exception {
        SendFailedException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }
}
