package com.shopflow.messaging.relay;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.notifications.NotificationKind;
import com.shopflow.events.notifications.NotificationSent;
import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.kafka.AvroEventSerializer;
import com.shopflow.messaging.outbox.Outbox;
import com.shopflow.messaging.outbox.TraceContext;
import com.shopflow.testkit.Infrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.flywaydb.core.Flyway;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox and standalone relays over the shared test infrastructure's {@code relay} database. */
final class RelayFixture {

    static final String DATABASE = "relay";

    private static volatile boolean migrated;

    final Infrastructure infrastructure = Infrastructure.shared();
    final DataSource dataSource = pooled(infrastructure);
    final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    final TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    final AvroEventSerializer serializer = new AvroEventSerializer(infrastructure.registryUrl());
    final Outbox outbox;
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final List<OutboxRelay> relays = new ArrayList<>();

    RelayFixture(TraceContext traceContext) {
        migrate(dataSource);
        outbox = new Outbox(jdbc, serializer, "relay-tests", traceContext, Clock.systemUTC());
    }

    RelayFixture() {
        this(TraceContext.none());
    }

    // A small pool: the concurrency tests open many short transactions.
    private static DataSource pooled(Infrastructure infrastructure) {
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setJdbcUrl(infrastructure.jdbcUrl(DATABASE));
        pool.setUsername(infrastructure.username());
        pool.setPassword(infrastructure.password());
        pool.setMaximumPoolSize(8);
        return pool;
    }

    static synchronized void migrate(DataSource dataSource) {
        if (!migrated) {
            Flyway.configure().dataSource(dataSource).locations("classpath:db/messaging").load().migrate();
            migrated = true;
        }
    }

    /** A started relay with the default lock, so every relay of these tests competes for one database. */
    OutboxRelay startRelay() {
        OutboxRelay relay = newRelay(Map.of());
        relay.start();
        return relay;
    }

    OutboxRelay newRelay(Map<String, Object> producerOverrides) {
        return newRelay(producerOverrides, 1000);
    }

    /** A relay reading at most {@code batchSize} rows per round (small batches keep two in flight). */
    OutboxRelay newRelay(Map<String, Object> producerOverrides, int batchSize) {
        return newRelay(producerOverrides, batchSize, RelayConnections.fromDriver(
                infrastructure.jdbcUrl(DATABASE), infrastructure.username(), infrastructure.password()));
    }

    /** A relay on connections from {@code connections}, e.g. a pool's. */
    OutboxRelay newRelay(Map<String, Object> producerOverrides, int batchSize, RelayConnections connections) {
        MessagingProperties.Relay settings = new MessagingProperties.Relay(true, batchSize, Duration.ofMillis(200),
                Duration.ofMillis(50), Duration.ofSeconds(1), 7262319047716220001L);
        Map<String, Object> config = new java.util.HashMap<>(producerOverrides);
        config.put("bootstrap.servers", infrastructure.kafkaBootstrapServers());
        OutboxRelay relay = new OutboxRelay(settings, connections,
                new org.apache.kafka.clients.producer.KafkaProducer<>(OutboxRelay.producerConfig(config)), meters);
        relays.add(relay);
        return relay;
    }

    String newTopic(int partitions) {
        String topic = "relay-" + UUID.randomUUID().toString().substring(0, 8);
        infrastructure.createTopics(partitions, topic);
        return topic;
    }

    static NotificationSent event(EventMetadata metadata, String orderId) {
        return NotificationSent.newBuilder()
                .setMetadata(metadata)
                .setOrderId(orderId)
                .setKind(NotificationKind.ORDER_RECEIVED)
                .setRecipient("customer@example.com")
                .setMessageId("<" + metadata.getEventId() + "@shopflow>")
                .setSentAt(metadata.getOccurredAt())
                .build();
    }

    /** Metadata with a given event id, for hand-made rows. */
    static EventMetadata metadataLike(String eventId) {
        return EventMetadata.newBuilder().setEventId(eventId).setOccurredAt(java.time.Instant.now())
                .setCorrelationId("poisoned").setCausationId(null).setProducer("relay-tests").setSequence(1).build();
    }

    /** Appends one event for {@code key} in its own committed transaction. */
    EventMetadata appendCommitted(String topic, String key) {
        return transactions.execute(status -> outbox.append(topic, key, m -> event(m, key)));
    }

    void closeRelays() {
        relays.forEach(OutboxRelay::close);
        relays.clear();
    }

    /** Removes what earlier tests left, so each test starts from an empty outbox. */
    void clean() {
        jdbc.update("delete from outbox_event");
        jdbc.update("delete from outbox_failed");
    }
}
