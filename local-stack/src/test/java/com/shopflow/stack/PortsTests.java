package com.shopflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PortsTests {

    @Test
    void defaultsAreTheFixedPortsOfTheReadme() {
        Ports ports = Ports.defaults();

        assertThat(ports.get("order-service")).isEqualTo(8081);
        assertThat(ports.get("notification-service")).isEqualTo(8084);
        assertThat(ports.get(Ports.KAFKA)).isEqualTo(9092);
        assertThat(ports.get(Ports.KAFKA_CONTROLLER)).isEqualTo(9093);
        assertThat(ports.get(Ports.REGISTRY)).isEqualTo(8080);
        assertThat(ports.get(Ports.POSTGRES)).isEqualTo(5432);
        assertThat(ports.get(Ports.SMTP)).isEqualTo(3025);
        assertThat(new HashSet<>(ports.byName().values())).hasSameSizeAs(ports.byName().values());
    }

    @Test
    void environmentVariablesOverrideSinglePorts() {
        Ports ports = Ports.fromEnvironment(Map.of("SHOPFLOW_PORT_KAFKA_CONTROLLER", "19093",
                "SHOPFLOW_PORT_ORDER_SERVICE", "18081"));

        assertThat(ports.get(Ports.KAFKA_CONTROLLER)).isEqualTo(19093);
        assertThat(ports.get("order-service")).isEqualTo(18081);
        assertThat(ports.get(Ports.KAFKA)).isEqualTo(9092);
    }

    @Test
    void rejectsAValueThatIsNotAPortNamingWhereItCameFrom() {
        assertThatThrownBy(() -> Ports.fromEnvironment(Map.of("SHOPFLOW_PORT_KAFKA", "90920")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("SHOPFLOW_PORT_KAFKA")
                .hasMessageContaining("90920");
    }

    @Test
    void commandLineRejectsAnUnknownPortName() {
        assertThatThrownBy(() -> new StackCli(System.out).run(List.of("status", "--port-kafak=1")))
                .isInstanceOf(StackException.class)
                .hasMessageContaining("Unknown port name 'kafak'")
                .hasMessageContaining("kafka-controller");
    }

    @Test
    void freePortsAreDistinctAndCoverEveryName() {
        Ports ports = Ports.free();

        assertThat(ports.byName().keySet()).isEqualTo(Ports.defaults().byName().keySet());
        assertThat(new HashSet<>(ports.byName().values())).hasSameSizeAs(ports.byName().values());
        assertThat(ports.byName().values()).allSatisfy(port -> assertThat(Ports.isFree(port)).isTrue());
    }
}
