package com.shopflow.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ContextCustomizer;

@SpringBootTest
@WithInfrastructure(database = "testkit_spring")
class WithInfrastructureTests {

    private final Environment environment;
    private final DataSource dataSource;

    WithInfrastructureTests(@Autowired Environment environment, @Autowired DataSource dataSource) {
        this.environment = environment;
        this.dataSource = dataSource;
    }

    @Test
    void pointsSpringAtTheSharedInfrastructure() {
        Infrastructure infrastructure = Infrastructure.shared();

        assertThat(environment.getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(infrastructure.kafkaBootstrapServers());
        assertThat(environment.getProperty("shopflow.messaging.registry-url")).isEqualTo(infrastructure.registryUrl());
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo(infrastructure.jdbcUrl("testkit_spring"));
        assertThat(environment.getProperty("logging.level.org.apache.kafka")).isEqualTo("WARN");
    }

    @Test
    void autoConfiguredDataSourceUsesTheNamedDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select current_database()")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("testkit_spring");
        }
    }

    @Test
    void customizersAreEqualExactlyWhenTheDatabaseIs() {
        InfrastructureContextCustomizerFactory factory = new InfrastructureContextCustomizerFactory();
        ContextCustomizer orders = factory.createContextCustomizer(OrdersTest.class, List.of());
        ContextCustomizer ordersAgain = factory.createContextCustomizer(OtherOrdersTest.class, List.of());
        ContextCustomizer payments = factory.createContextCustomizer(PaymentsTest.class, List.of());

        assertThat(orders).isEqualTo(ordersAgain).hasSameHashCodeAs(ordersAgain).isNotEqualTo(payments);
        assertThat(factory.createContextCustomizer(WithInfrastructureTests.class, List.of())).isNotNull();
        assertThat(factory.createContextCustomizer(String.class, List.of())).isNull();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class Application {
    }

    @WithInfrastructure(database = "orders")
    static class OrdersTest {
    }

    @WithInfrastructure(database = "orders")
    static class OtherOrdersTest {
    }

    @WithInfrastructure(database = "payments")
    static class PaymentsTest {
    }
}
