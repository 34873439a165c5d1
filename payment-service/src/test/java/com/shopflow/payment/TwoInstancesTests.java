package com.shopflow.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.shopflow.events.common.EventMetadata;
import com.shopflow.events.payments.PaymentAuthorized;
import com.shopflow.events.payments.PaymentDeclined;
import com.shopflow.events.payments.PaymentRefunded;
import com.shopflow.messaging.MessagingProperties;
import com.shopflow.messaging.relay.OutboxRelay;
import com.shopflow.testkit.Infrastructure;
import com.shopflow.testkit.TestEvents;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Two replicas of payment-service, as Kubernetes runs them: two application contexts on one database and one broker,
 * in one consumer group. They split the {@code orders} partitions, only one outbox relay publishes at a time, and the
 * result is the same as with one instance: one decision per order, credit taken once, per-order events in order;
 * when the active instance goes away the other takes over its partitions and its relay.
 *
 * <p>The module's shared test context (another payment-service, on database {@code payments}) is in the same consumer
 * group {@code payment-service}; its listeners are stopped while this test runs so that only the two instances under
 * test share the partitions, and started again afterwards.
 */
@PaymentServiceTest
class TwoInstancesTests {

    private static final String DATABASE = "payments_two_instances";
    private static final String GROUP = "payment-service";
    private static final String LISTENER = "payment-service-orders";
    private static final int ORDERS_PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Infrastructure infrastructure = Infrastructure.shared();
    private final TestEvents events = infrastructure.events();
    private final KafkaListenerEndpointRegistry sharedContextListeners;

    TwoInstancesTests(@Autowired KafkaListenerEndpointRegistry sharedContextListeners) {
        this.sharedContextListeners = sharedContextListeners;
    }

    @Test
    void twoInstancesOnOneDatabaseDecideEachOrderOnceKeepPerOrderOrderAndFailOver() {
        sharedContextListeners.stop();
        try (Instance first = Instance.start("a", infrastructure);
                Instance second = Instance.start("b", infrastructure);
                RelayWatch relays = new RelayWatch(first, second)) {

            // Consumer groups: the six partitions of `orders` are split between the two instances.
            await().atMost(WAIT).untilAsserted(() -> {
                Set<Integer> a = first.ordersPartitions();
                Set<Integer> b = second.ordersPartitions();
                assertThat(a).isNotEmpty();
                assertThat(b).isNotEmpty();
                assertThat(a).doesNotContainAnyElementsOf(b);
                assertThat(union(a, b)).hasSize(ORDERS_PARTITIONS);
            });

            // Several customers, their orders spread over all partitions; every OrderPlaced delivered twice, some
            // re-published with a new event id, a quarter cancelled right after being placed.
            List<String> customers = IntStream.range(0, 4).mapToObj(i -> TestOrder.newCustomer()).toList();
            List<TestOrder> orders = new ArrayList<>();
            Set<String> cancelledInPhaseOne = new HashSet<>();
            for (int i = 0; i < 120; i++) {
                TestOrder order = new TestOrder(customers.get(i % customers.size()), 30_00 + (i % 7) * 5_00, "EUR");
                orders.add(order);
                var placed = order.placed();
                events.send("orders", order.orderId, placed);
                events.send("orders", order.orderId, placed);
                if (i % 5 == 0) {
                    events.send("orders", order.orderId, order.placed());
                }
                if (i % 4 == 0) {
                    events.send("orders", order.orderId, order.cancelled());
                    cancelledInPhaseOne.add(order.orderId);
                }
            }
            awaitAllHandledAndRelayed(first);

            Map<String, List<SpecificRecord>> byOrder = paymentEventsByOrder(orders);
            Set<String> authorized = new HashSet<>();
            for (TestOrder order : orders) {
                List<SpecificRecord> its = byOrder.getOrDefault(order.orderId, List.of());
                List<SpecificRecord> decisions = its.stream()
                        .filter(e -> e instanceof PaymentAuthorized || e instanceof PaymentDeclined).toList();
                assertThat(decisions).as("decisions for order %s", order.orderId).hasSize(1);
                boolean wasAuthorized = decisions.getFirst() instanceof PaymentAuthorized;
                if (wasAuthorized) {
                    authorized.add(order.orderId);
                }
                long refunds = its.stream().filter(PaymentRefunded.class::isInstance).count();
                assertThat(refunds).as("refunds for order %s", order.orderId)
                        .isEqualTo(wasAuthorized && cancelledInPhaseOne.contains(order.orderId) ? 1 : 0);
            }
            // The limits were meant to be hit: both outcomes occur.
            assertThat(authorized).isNotEmpty().hasSizeLessThan(orders.size());
            assertPerOrderSequencesIncrease(orders);
            assertCreditMatchesTheTopic(first, customers, orders);
            assertThat(relays.mostActiveAtOnce()).isEqualTo(1);
            assertThat(relayLocksHeld(first)).isEqualTo(1);

            // Fail-over: the instance whose relay is active goes away; the other takes its partitions and its relay.
            Instance leaving = first.relay().isActive() ? first : second;
            Instance staying = leaving == first ? second : first;
            leaving.close();
            await().atMost(WAIT).untilAsserted(() -> {
                assertThat(staying.relay().isActive()).isTrue();
                assertThat(staying.ordersPartitions()).hasSize(ORDERS_PARTITIONS);
            });
            List<TestOrder> cancelledLater = orders.stream()
                    .filter(o -> authorized.contains(o.orderId) && !cancelledInPhaseOne.contains(o.orderId))
                    .limit(10).toList();
            assertThat(cancelledLater).isNotEmpty();
            cancelledLater.forEach(order -> events.send("orders", order.orderId, order.cancelled()));
            awaitAllHandledAndRelayed(staying);

            Map<String, List<SpecificRecord>> afterFailOver = paymentEventsByOrder(cancelledLater);
            cancelledLater.forEach(order -> assertThat(afterFailOver.get(order.orderId))
                    .as("events for order %s", order.orderId)
                    .extracting(e -> e.getClass().getSimpleName())
                    .containsExactly("PaymentAuthorized", "PaymentRefunded"));
            assertPerOrderSequencesIncrease(orders);
            assertCreditMatchesTheTopic(staying, customers, orders);
            assertThat(relays.mostActiveAtOnce()).isEqualTo(1);
            assertThat(relayLocksHeld(staying)).isEqualTo(1);
        }
        finally {
            sharedContextListeners.start();
        }
    }

    /** Every record on `orders` was consumed by the group (so its transaction committed) and the outbox is empty. */
    private void awaitAllHandledAndRelayed(Instance instance) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            assertThat(ordersLag()).isZero();
            assertThat(instance.jdbc().queryForObject("select count(*) from outbox_event", Long.class)).isZero();
        });
    }

    private long ordersLag() throws Exception {
        Admin admin = infrastructure.admin();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, ORDERS_PARTITIONS).boxed()
                .collect(Collectors.toMap(p -> new TopicPartition("orders", p), p -> OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long lag = 0;
        for (var end : ends.entrySet()) {
            OffsetAndMetadata done = committed.get(end.getKey());
            lag += end.getValue().offset() - (done == null ? 0 : done.offset());
        }
        return lag;
    }

    /** Payment events of the given orders, per order in topic order (all of one order are on one partition). */
    private Map<String, List<SpecificRecord>> paymentEventsByOrder(Collection<TestOrder> orders) {
        Set<String> ids = orders.stream().map(o -> o.orderId).collect(Collectors.toSet());
        Map<String, List<SpecificRecord>> byOrder = new LinkedHashMap<>();
        events.readAll("payments", WAIT).stream()
                .filter(record -> ids.contains(record.key()))
                .sorted(Comparator.<ConsumerRecord<String, Object>>comparingInt(ConsumerRecord::partition)
                        .thenComparingLong(ConsumerRecord::offset))
                .forEach(record -> byOrder.computeIfAbsent(record.key(), k -> new ArrayList<>())
                        .add((SpecificRecord) record.value()));
        return byOrder;
    }

    /** Per order, the events' sequences on the topic are 1, 2, ... in offset order: no reordering, no re-publication. */
    private void assertPerOrderSequencesIncrease(List<TestOrder> orders) {
        Map<String, List<SpecificRecord>> byOrder = paymentEventsByOrder(orders);
        Set<String> eventIds = new HashSet<>();
        byOrder.forEach((orderId, its) -> {
            List<Long> sequences = its.stream().map(e -> metadataOf(e).getSequence()).toList();
            assertThat(sequences).as("sequences of order %s", orderId)
                    .isEqualTo(IntStream.rangeClosed(1, its.size()).mapToObj(Long::valueOf).toList());
            its.forEach(e -> assertThat(eventIds.add(metadataOf(e).getEventId().toString()))
                    .as("event %s published once", metadataOf(e).getEventId()).isTrue());
        });
    }

    /** Credit used per customer equals what the topic says was authorized minus refunded, and the DB agrees overall. */
    private void assertCreditMatchesTheTopic(Instance instance, List<String> customers, List<TestOrder> orders) {
        Map<String, Long> standing = new LinkedHashMap<>();
        customers.forEach(customer -> standing.put(customer, 0L));
        paymentEventsByOrder(orders).values().stream().flatMap(List::stream).forEach(event -> {
            switch (event) {
                case PaymentAuthorized a -> standing.merge(a.getCustomerId(), a.getAmount().getAmountMinor(), Long::sum);
                case PaymentRefunded r -> standing.merge(r.getCustomerId(), -r.getAmount().getAmountMinor(), Long::sum);
                default -> { }
            }
        });
        Accounts accounts = instance.context().getBean(Accounts.class);
        standing.forEach((customer, minor) -> assertThat(accounts.find(customer).used().amountMinor())
                .as("credit used by %s", customer).isEqualTo(minor));
        CreditTotals totals = accounts.creditTotals();
        assertThat(totals.usedMinor()).isEqualTo(totals.authorizedMinor());
        Long paymentRows = instance.jdbc().queryForObject("select count(*) from payment where order_id = any(?)",
                Long.class, (Object) orders.stream().map(o -> o.orderId).toArray(String[]::new));
        assertThat(paymentRows).isEqualTo(orders.size());
    }

    /** Sessions of this database holding the relay's advisory lock (a bigint key: high and low halves in pg_locks). */
    private static long relayLocksHeld(Instance instance) {
        long lockId = instance.context().getBean(MessagingProperties.class).relay().lockId();
        return instance.jdbc().queryForObject("""
                select count(*) from pg_locks
                where locktype = 'advisory' and granted and objsubid = 1
                  and database = (select oid from pg_database where datname = current_database())
                  and ((classid::bigint << 32) | objid::bigint) = ?""", Long.class, lockId);
    }

    private static EventMetadata metadataOf(SpecificRecord event) {
        return (EventMetadata) event.get(event.getSchema().getField("metadata").pos());
    }

    private static Set<Integer> union(Set<Integer> a, Set<Integer> b) {
        Set<Integer> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** One payment-service instance: a full application context on a random port. */
    private record Instance(String name, ConfigurableApplicationContext context) implements AutoCloseable {

        static Instance start(String name, Infrastructure infrastructure) {
            ConfigurableApplicationContext context = new SpringApplicationBuilder(PaymentServiceApplication.class)
                    .registerShutdownHook(false)
                    // As command-line arguments: they rank above application.yml (builder properties rank below).
                    .run("--server.port=0",
                            "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                            "--spring.kafka.client-id=payment-service-" + name,
                            "--spring.datasource.url=" + infrastructure.jdbcUrl(DATABASE),
                            "--spring.datasource.username=" + infrastructure.username(),
                            "--spring.datasource.password=" + infrastructure.password(),
                            "--shopflow.messaging.registry-url=" + infrastructure.registryUrl(),
                            "--" + com.shopflow.testkit.TestTokens.PUBLIC_KEY_LOCATION_PROPERTY + "="
                                    + com.shopflow.testkit.TestTokens.publicKeyLocation(),
                            "--logging.level.org.apache.kafka=WARN",
                            "--logging.level.kafka=WARN");
            return new Instance(name, context);
        }

        OutboxRelay relay() {
            return context.getBean(OutboxRelay.class);
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        Set<Integer> ordersPartitions() {
            MessageListenerContainer container = context.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer(LISTENER);
            Collection<TopicPartition> assigned = container == null ? null : container.getAssignedPartitions();
            return assigned == null ? Set.of() : assigned.stream().filter(tp -> tp.topic().equals("orders"))
                    .map(TopicPartition::partition).collect(Collectors.toSet());
        }

        @Override
        public void close() {
            if (context.isActive()) {
                context.close();
            }
        }
    }

    /** Samples the relays every few milliseconds and remembers the most that were active at the same moment. */
    private static final class RelayWatch implements AutoCloseable {

        private final List<OutboxRelay> relays;
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger samples = new AtomicInteger();
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "relay-watch");
            thread.setDaemon(true);
            return thread;
        });

        // The relay objects outlive their context: a closed instance's relay simply reports inactive.
        RelayWatch(Instance... watched) {
            relays = List.of(watched).stream().map(Instance::relay).toList();
            sampler.scheduleAtFixedRate(() -> {
                int active = (int) relays.stream().filter(OutboxRelay::isActive).count();
                most.accumulateAndGet(active, Math::max);
                samples.incrementAndGet();
            }, 0, 5, TimeUnit.MILLISECONDS);
        }

        /** The most relays active at one moment so far; fails if the sampler did not run. */
        int mostActiveAtOnce() {
            assertThat(samples.get()).as("relay samples taken").isGreaterThan(10);
            return most.get();
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
