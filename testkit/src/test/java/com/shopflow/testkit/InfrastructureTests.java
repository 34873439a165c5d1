package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;

class InfrastructureTests {

    private final Infrastructure infrastructure = Infrastructure.shared();

    @Test
    void startsOnceAndEveryCallerGetsTheSameInstance() {
        assertThat(Infrastructure.shared()).isSameAs(infrastructure);
        assertThat(infrastructure.startupTimes()).containsKeys("kafka", "postgres", "registry", "total");
        assertThat(infrastructure.registry().isAlive()).isTrue();
    }

    @Test
    void createsSeparateDatabasesOnDemand() throws SQLException {
        String orders = "orders_" + suffix();
        String payments = "payments_" + suffix();

        try (Connection connection = infrastructure.dataSource(orders).getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("create table placed (id int primary key)");
            statement.execute("insert into placed values (42)");
        }

        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(orders),
                infrastructure.username(), infrastructure.password());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select id, current_database() from placed")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
            assertThat(rows.getString(2)).isEqualTo(orders);
        }
        try (Connection connection = DriverManager.getConnection(infrastructure.jdbcUrl(payments),
                infrastructure.username(), infrastructure.password());
                Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.executeQuery("select * from placed"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void asksForTheSameDatabaseTwiceWithoutError() throws SQLException {
        String name = "twice_" + suffix();
        assertThat(infrastructure.jdbcUrl(name)).isEqualTo(infrastructure.jdbcUrl(name));
        try (Connection connection = infrastructure.dataSource(name).getConnection()) {
            assertThat(connection.getCatalog()).isEqualTo(name);
        }
    }

    @Test
    void rejectsDatabaseNamesThatAreNotPlainIdentifiers() {
        assertThatThrownBy(() -> infrastructure.jdbcUrl("Orders; drop database postgres"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createsTopicsWithTheRequestedPartitions() throws Exception {
        String topic = "admin-" + suffix();
        infrastructure.createTopics(3, topic);
        infrastructure.createTopics(3, topic);

        TopicDescription description = infrastructure.admin().describeTopics(java.util.List.of(topic))
                .allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).hasSize(3);
    }

    @Test
    void registryAnswersOnItsCoreAndConfluentApis() throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpResponse<String> info = client.send(HttpRequest.newBuilder(
                    URI.create(infrastructure.registryApiUrl() + "/system/info")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> subjects = client.send(HttpRequest.newBuilder(
                    URI.create(infrastructure.registryCcompatUrl() + "/subjects")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(info.body()).contains("\"version\":\"" + ApicurioDistribution.version() + "\"");
            assertThat(subjects.statusCode()).isEqualTo(200);
        }
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
