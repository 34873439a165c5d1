package com.shopflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the real infrastructure (Kafka, PostgreSQL, Apicurio Registry, GreenMail) through the code path of
 * {@code ./stack up -d}, in a temporary run folder on free ports, and checks it works, stops and keeps its data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path runDir;

    private Options options;
    private RunningStack stack;

    @BeforeAll
    void startInfrastructure() {
        options = Options.infrastructureForTests(runDir).withOut(System.out);
        stack = LocalStack.start(options).stopOnJvmExit();
    }

    @AfterAll
    void stopEverything() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void kafkaAcceptsARecord() throws Exception {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            RecordMetadata sent = producer.send(new ProducerRecord<>("smoke", "order-1", "hello"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(sent.offset()).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    @Order(1)
    void postgresHasOneDatabasePerServiceOwnedByTheServiceLogin() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("postgres"), stack.databaseUser(),
                stack.databasePassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT d.datname || '=' || r.rolname FROM pg_database d "
                     + "JOIN pg_roles r ON r.oid = d.datdba WHERE r.rolname LIKE '%\\_service'")) {
            List<String> databases = new ArrayList<>();
            while (rows.next()) {
                databases.add(rows.getString(1));
            }
            assertThat(databases).containsExactlyInAnyOrder("orders=order_service", "payments=payment_service",
                    "inventory=inventory_service", "notifications=notification_service");
        }
        // A service's login reaches its own database only.
        DriverManager.getConnection(stack.jdbcUrl("orders"), "order_service", "order_service-local-dev").close();
        assertThatThrownBy(() -> DriverManager.getConnection(stack.jdbcUrl("payments"), "order_service",
                "order_service-local-dev").close())
                .hasMessageContaining("permission denied for database \"payments\"");
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("orders"), stack.databaseUser(),
                stack.databasePassword());
             Statement statement = connection.createStatement();
             ResultSet fsync = statement.executeQuery("SHOW fsync")) {
            assertThat(fsync.next()).isTrue();
            assertThat(fsync.getString(1)).isEqualTo("on");
        }
    }

    @Test
    @Order(1)
    void registryIsReadyAndAnswersTheConfluentApi() throws Exception {
        HttpResponse<String> subjects = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.registryUrl() + "/apis/ccompat/v7/subjects")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).startsWith("[");
        assertThat(stack.component("registry").isHealthy()).isTrue();
        assertThat(stack.component("smtp").isHealthy()).isTrue();
    }

    @Test
    @Order(2)
    void upAgainStartsOnlyWhatIsMissing() {
        long kafkaPid = stack.component("kafka").pid().orElseThrow();
        long smtpPid = stack.component("smtp").pid().orElseThrow();
        stack.component("smtp").kill();
        assertThat(stack.component("smtp").isRunning()).isFalse();

        RunningStack again = LocalStack.start(options);

        assertThat(again.component("kafka").pid()).hasValue(kafkaPid);
        assertThat(again.component("smtp").pid()).isPresent();
        assertThat(again.component("smtp").pid().getAsLong()).isNotEqualTo(smtpPid);
        assertThat(again.component("smtp").isHealthy()).isTrue();
    }

    @Test
    @Order(2)
    void postgresComesBackAfterKillMinusNineWithItsCommittedRows() throws Exception {
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("payments"), stack.databaseUser(),
                stack.databasePassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE committed (id int primary key)");
            statement.execute("INSERT INTO committed VALUES (7)");
        }
        ComponentHandle postgres = stack.component("postgres");

        postgres.kill();
        assertThat(postgres.isRunning()).isFalse();
        postgres.start();

        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("payments"), stack.databaseUser(),
                stack.databasePassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM committed")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(7);
        }
    }

    @Test
    @Order(3)
    void refusesToStartOnAPortTakenBySomethingElse() throws Exception {
        stack.component("smtp").stop();
        try (ServerSocket squatter = new ServerSocket(stack.ports().get(Ports.SMTP))) {
            assertThatThrownBy(() -> LocalStack.start(options))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + squatter.getLocalPort() + " (smtp) is already in use")
                    .hasMessageContaining("--port-smtp=");
        }
        assertThat(stack.component("smtp").isRunning()).isFalse();
        assertThat(stack.component("kafka").isRunning()).isTrue();
    }

    @Test
    @Order(4)
    void downStopsEveryProcessAndUpKeepsTheData() throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("orders"), stack.databaseUser(),
                stack.databasePassword());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE kept (id int primary key)");
            statement.execute("INSERT INTO kept VALUES (42)");
        }
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(
                        URI.create(stack.registryUrl() + "/apis/ccompat/v7/subjects/kept-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"{\\\"type\\\":\\\"string\\\"}\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        Map<String, Long> pids = new HashMap<>();
        for (String name : Options.INFRASTRUCTURE) {
            stack.component(name).pid().ifPresent(pid -> pids.put(name, pid));
        }

        stack.stop();

        for (long pid : pids.values()) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d", pid).isNotEqualTo(
                    Optional.of(true));
        }
        assertThat(new LocalStack(options).status()).filteredOn(s -> Options.INFRASTRUCTURE.contains(s.name()))
                .allSatisfy(s -> assertThat(s.state()).isEqualTo(ComponentStatus.State.STOPPED));

        stack = LocalStack.start(options);

        try (Admin admin = admin()) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).contains("kept", "smoke");
        }
        try (Connection connection = DriverManager.getConnection(stack.jdbcUrl("orders"), stack.databaseUser(),
                stack.databasePassword());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
        HttpResponse<String> subjects = HTTP.send(HttpRequest.newBuilder(
                URI.create(stack.registryUrl() + "/apis/ccompat/v7/subjects")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.body()).contains("kept-value");
    }

    @Test
    @Order(5)
    void failedStartStopsWhatItStarted(@TempDir Path otherRunDir) {
        Options impatient = Options.infrastructureForTests(otherRunDir).withComponents(List.of("smtp"))
                .withStartTimeout(Duration.ofMillis(1)).withOut(System.out);

        assertThatThrownBy(() -> LocalStack.start(impatient))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("smtp");

        assertThat(new LocalStack(impatient).status()).filteredOn(s -> s.name().equals("smtp"))
                .singleElement().satisfies(s -> assertThat(s.state()).isEqualTo(ComponentStatus.State.STOPPED));
        assertThat(Ports.isFree(impatient.ports().get(Ports.SMTP_API))).isTrue();
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()));
    }
}
