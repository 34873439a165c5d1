package com.shopflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./stack up --secure-kafka}, Kafka alone: the broker the stack starts refuses clients without a valid SCRAM
 * login, each service's user gets exactly the ACLs of {@code deploy/kafka/acls.csv}, and the admin settings the
 * stack hands out (its API and {@code admin.properties}) work; a run folder does not switch modes silently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecureKafkaTests {

    @TempDir
    static Path runDir;

    private Options options;
    private RunningStack stack;

    @BeforeAll
    void startSecureKafka() throws Exception {
        options = Options.infrastructureForTests(runDir).withComponents(List.of("kafka")).withSecureKafka()
                .withOut(System.out);
        stack = LocalStack.start(options).stopOnJvmExit();
        try (Admin admin = Admin.create(config(stack.kafkaClientProperties()))) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1), new NewTopic("payments", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        }
    }

    @AfterAll
    void stop() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    void refusesAClientWithoutLogin() {
        Map<String, Object> plain = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(), AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000));
        try (Admin admin = Admin.create(plain)) {
            // A plaintext client gets no answer from a SASL listener: no metadata, no topics.
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOfAny(ExecutionException.class, java.util.concurrent.TimeoutException.class);
        }
        Map<String, String> wrongPassword = new HashMap<>(stack.kafkaClientProperties("payment-service"));
        wrongPassword.put("sasl.jaas.config", KafkaSecurity.jaas("payment-service", "not-the-password"));
        assertThatThrownBy(() -> send(wrongPassword, "payments"))
                .hasRootCauseInstanceOf(SaslAuthenticationException.class);
    }

    @Test
    void aServiceWritesItsOwnTopicButNotAnotherServicesTopic() throws Exception {
        Map<String, String> payments = stack.kafkaClientProperties("payment-service");

        assertThat(send(payments, "payments")).isGreaterThanOrEqualTo(0);
        assertThatThrownBy(() -> send(payments, "orders"))
                .hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void theBrokerHoldsExactlyTheAclsOfTheTable() throws Exception {
        KafkaAcls table = KafkaAcls.of(options.repoRoot());
        try (Admin admin = Admin.create(config(stack.kafkaClientProperties()))) {
            assertThat(admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS))
                    .containsExactlyInAnyOrderElementsOf(table.bindings());
        }
    }

    @Test
    void theAdminPropertiesFileLogsInAsTheSuperUser() throws Exception {
        Path file = stack.kafkaAdminProperties();
        Properties admin = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            admin.load(in);
        }
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        try (Admin client = Admin.create(admin)) {
            assertThat(client.listTopics().names().get(30, TimeUnit.SECONDS)).contains("orders", "payments");
        }
        Map<String, String> asAdmin = new HashMap<>();
        admin.stringPropertyNames().forEach(name -> asAdmin.put(name, admin.getProperty(name)));
        assertThat(send(asAdmin, "orders")).isGreaterThanOrEqualTo(0);
        // Passwords are the owner's only.
        assertThat(Files.getPosixFilePermissions(file)).containsOnly(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        assertThat(Files.getPosixFilePermissions(stack.stack().context().kafkaSecurity().passwordsFile()))
                .containsOnly(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void aSecureRunFolderRefusesAPlainStart() {
        Options plain = Options.infrastructureForTests(runDir).withComponents(List.of("kafka"))
                .withPorts(stack.ports());

        assertThatThrownBy(() -> LocalStack.start(plain))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("--secure-kafka")
                .hasMessageContaining("./stack clean");
        assertThat(stack.component("kafka").isHealthy()).isTrue();
    }

    private static long send(Map<String, String> client, String topic) throws Exception {
        Map<String, Object> config = config(client);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, "key", "value")).get(20, TimeUnit.SECONDS).offset();
        }
    }

    private static Map<String, Object> config(Map<String, String> client) {
        return new HashMap<>(client);
    }
}
