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

import com.shopflow.stack.LocalTokens;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code docker compose up --build} of the root docker-compose.yml, then one order through the whole saga, with a
 * customer token signed by compose's local-development key (as {@code ./stack token --key ...} mints them). Runs
 * where a Docker engine exists; skipped (not failed) where none does, as on the build machines here.
 */
@Testcontainers(disabledWithoutDocker = true)
class DockerComposeTests {

    private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");
    private static final String[] SERVICES = {"order-service", "payment-service", "inventory-service",
        "notification-service"};
    /** The actuator's port in compose (MANAGEMENT_SERVER_PORT), reached through Testcontainers' ambassador. */
    private static final int MANAGEMENT_PORT = 9080;
    private static final int ORDER_SERVICE_PORT = 8081;
    private static final String CUSTOMER = "compose";
    private static final String ORDER = """
            {"customerId":"compose","customerEmail":"compose@example.com","currency":"EUR",
             "lines":[{"sku":"SKU-1","quantity":1,"unitPrice":12.50}]}""";

    @Container
    static final ComposeContainer COMPOSE = compose();

    private static ComposeContainer compose() {
        File file = repositoryRoot().resolve("docker-compose.yml").toFile();
        ComposeContainer compose = new ComposeContainer(file).withBuild(true).withRemoveVolumes(true)
                .withStartupTimeout(Duration.ofMinutes(20));
        for (String service : SERVICES) {
            compose = compose.withExposedService(service, MANAGEMENT_PORT, Wait.forHttp("/actuator/health")
                    .forStatusCode(200).withStartupTimeout(Duration.ofMinutes(20)));
        }
        return compose.withExposedService("order-service", ORDER_SERVICE_PORT);
    }

    /** The key compose's services trust: its secrets folder, as docker-compose.yml resolves it. */
    private static LocalTokens composeTokens() {
        String secrets = System.getenv().getOrDefault("SHOPFLOW_SECRETS_DIR", "deploy/local-dev-secrets");
        return LocalTokens.signedWith(repositoryRoot().resolve(secrets).resolve("jwt-private-local-dev.pem"));
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
        String token = composeTokens().customer(CUSTOMER);
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> placed = http.send(HttpRequest.newBuilder(URI.create(orders() + "/orders"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(placed.statusCode()).as(placed.body()).isEqualTo(202);
        Matcher id = ORDER_ID.matcher(placed.body());
        assertThat(id.find()).isTrue();

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(http.send(
                HttpRequest.newBuilder(URI.create(orders() + "/orders/" + id.group(1)))
                        .header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("\"status\":\"CONFIRMED\""));
    }

    @Test
    void refusesAnOrderWithoutToken() throws Exception {
        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(orders() + "/orders")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ORDER)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
    }

    private static String orders() {
        return "http://" + COMPOSE.getServiceHost("order-service", ORDER_SERVICE_PORT) + ":"
                + COMPOSE.getServicePort("order-service", ORDER_SERVICE_PORT);
    }
}
