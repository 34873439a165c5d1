package com.shopflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.shopflow.testkit.SecureKafkaBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Kafka ACL table ({@code deploy/kafka/acls.csv}) applied to a real broker with SASL/SCRAM and the
 * StandardAuthorizer: every row it allows works for that service's principal, and every write and read it does not
 * allow is refused. Fails when a row is wrong, missing from its application, or a service gets more than its rows.
 */
class KafkaAclTests {

    private static final KafkaAcls ACLS = KafkaAcls.ofRepository();
    private static final String ADMIN_PASSWORD = "test-admin-secret";
    private static SecureKafkaBroker broker;

    @BeforeAll
    static void secureBrokerWithTheTable() throws Exception {
        broker = SecureKafkaBroker.start(Path.of("target", "testkit"), ADMIN_PASSWORD);
        for (String principal : ACLS.principals()) {
            broker.createUser(principal, password(principal));
        }
        try (Admin admin = broker.admin()) {
            ACLS.apply(admin);
            admin.createTopics(ACLS.allTopics().stream().map(t -> new NewTopic(t, 1, (short) 1)).toList())
                    .all().get(30, TimeUnit.SECONDS);
        }
        // One record on every topic, written by the super user, so a permitted read has something to read.
        try (KafkaProducer<String, String> producer = producer(SecureKafkaBroker.ADMIN, ADMIN_PASSWORD)) {
            for (String topic : ACLS.allTopics()) {
                producer.send(new ProducerRecord<>(topic, "seed", "seed")).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            // A KRaft node takes ~15 s to close; the module's other tests need not wait for it (nor does JVM exit).
            SecureKafkaBroker closing = broker;
            Thread.ofPlatform().daemon().name("secure-kafka-close").start(() -> {
                try {
                    closing.close();
                } catch (Exception ignored) {
                    // the JVM ends soon anyway
                }
            });
        }
    }

    static Stream<KafkaAcls.Entry> rows() {
        return ACLS.entries().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void everyRowOfTheTableIsAllowed(KafkaAcls.Entry row) throws Exception {
        String principal = row.principal();
        if (row.resourceType() == ResourceType.GROUP) {
            String topic = ACLS.topics(principal, AclOperation.READ).iterator().next();
            assertThat(commitAsGroup(principal, row.resourceName(), topic)).isTrue();
            return;
        }
        switch (row.operation()) {
            case WRITE -> assertThat(write(principal, password(principal), row.resourceName()).topic())
                    .isEqualTo(row.resourceName());
            case READ -> assertThat(read(principal, row.resourceName())).isGreaterThanOrEqualTo(1);
            case CREATE -> assertThatThrownBy(() -> create(principal, row.resourceName()))
                    // Authorised to create; the topic exists already, so nothing changes.
                    .hasRootCauseInstanceOf(TopicExistsException.class);
            default -> throw new IllegalArgumentException("no check for " + row);
        }
    }

    static Stream<Arguments> writesOutsideTheTable() {
        return forbidden(AclOperation.WRITE);
    }

    @ParameterizedTest(name = "{0} cannot write {1}")
    @MethodSource("writesOutsideTheTable")
    void aServiceCannotWriteATopicTheTableDoesNotGiveIt(String principal, String topic) {
        assertThatThrownBy(() -> write(principal, password(principal), topic))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    static Stream<Arguments> readsOutsideTheTable() {
        return forbidden(AclOperation.READ);
    }

    @ParameterizedTest(name = "{0} cannot read {1}")
    @MethodSource("readsOutsideTheTable")
    void aServiceCannotReadATopicTheTableDoesNotGiveIt(String principal, String topic) {
        assertThatThrownBy(() -> read(principal, topic)).isInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theExamplesTheDesignPromises() {
        assertThatThrownBy(() -> write("payment-service", password("payment-service"), "orders"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(ACLS.topics("payment-service", AclOperation.WRITE)).contains("payments");
        assertThatThrownBy(() -> read("notification-service", "payments"))
                .isInstanceOf(TopicAuthorizationException.class);
        assertThat(ACLS.topics("order-service", AclOperation.WRITE)).doesNotContain("payments", "inventory");
    }

    @Test
    void aServiceCannotUseAnotherServicesConsumerGroup() {
        assertThatThrownBy(() -> commitAsGroup("payment-service", "inventory-service", "orders"))
                .isInstanceOf(GroupAuthorizationException.class);
    }

    @Test
    void aWrongPasswordFailsAuthentication() {
        assertThatThrownBy(() -> write("order-service", "not-the-password", "orders"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void anUnknownUserFailsAuthentication() {
        assertThatThrownBy(() -> write("intruder", "whatever", "orders"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    /** (principal, topic) for every topic of the table the principal has no {@code operation} row for. */
    private static Stream<Arguments> forbidden(AclOperation operation) {
        List<Arguments> cases = new ArrayList<>();
        for (String principal : ACLS.principals()) {
            Set<String> allowed = ACLS.topics(principal, operation);
            ACLS.allTopics().stream().filter(t -> !allowed.contains(t)).forEach(t -> cases.add(Arguments.of(principal, t)));
        }
        assertThat(cases).isNotEmpty();
        return cases.stream();
    }

    private static String password(String principal) {
        return principal + "-test-secret";
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(user, password));
        // The relay's settings: an idempotent producer needs no IDEMPOTENT_WRITE row (implied by WRITE, KIP-679).
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }

    private static RecordMetadata write(String user, String password, String topic) throws Exception {
        try (KafkaProducer<String, String> producer = producer(user, password)) {
            return producer.send(new ProducerRecord<>(topic, "key", "value")).get(20, TimeUnit.SECONDS);
        }
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        Map<String, Object> config = new HashMap<>(broker.clientConfig(principal, password(principal)));
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config);
    }

    /** Records read from the start of {@code topic} without a group, as DeadLetters reads (at least the seed). */
    private static int read(String principal, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, null)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int count = 0;
            while (count == 0 && System.nanoTime() < deadline) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                count += records.count();
            }
            return count;
        }
    }

    /** Commits offset 0 of {@code topic} for {@code group}: what a listener container does after a record. */
    private static boolean commitAsGroup(String principal, String group, String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(principal, group)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(0)), Duration.ofSeconds(20));
            return consumer.committed(Set.of(partition), Duration.ofSeconds(20)).get(partition) != null;
        }
    }

    private static void create(String principal, String topic) throws ExecutionException, InterruptedException,
            java.util.concurrent.TimeoutException {
        try (Admin admin = Admin.create(broker.clientConfig(principal, password(principal)))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
        }
    }
}
