package com.shopflow.endtoend;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker compose up --build} of the root docker-compose.yml, then one order through the whole saga. Runs
 * where a Docker engine exists; skipped (not failed) where none does, as on the build machines here.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeTests {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] SERVICES = {"order-service", "payment-service", "inventory-service",
        "notification-service"};

    @Container
    static final ComposeContainer COMPOSE = compose();

    private static ComposeContainer compose() {
        File file = repositoryRoot().resolve("docker-compose.yml").toFile();
        ComposeContainer compose = new ComposeContainer(file).withBuild(true).withRemoveVolumes(true)
                .withStartupTimeout(Duration.ofMinutes(20));
        for (int i = 0; i < SERVICES.length; i++) {
            compose = compose.withExposedService(SERVICES[i], 8081 + i,
                    Wait.forHttp("/actuator/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(20)));
        }
        return compose;
    }

    private static Path repositoryRoot() {
        String configured = System.getProperty("shopflow.repo");
        Path dir = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        while (dir != null && !dir.resolve("docker-compose.yml").toFile().exists()) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("docker-compose.yml not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    @Test
    void placesAnOrderThatTheComposedSuiteConfirms() throws Exception {
        String orders = "http://" + COMPOSE.getServiceHost("order-service", 8081) + ":"
                + COMPOSE.getServicePort("order-service", 8081);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(orders + "/orders"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"customerId":"compose","customerEmail":"compose@example.com","currency":"EUR",
                         "lines":[{"sku":"SKU-1","quantity":1,"unitPrice":12.50}]}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).isEqualTo(202);
        Matcher id = ORDER_ID.matcher(placed.body());
        assertThat(id.find()).isTrue();

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(http.send(
                HttpRequest.newBuilder(URI.create(orders + "/orders/" + id.group(1))).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"CONFIRMED\""));
    }
}
