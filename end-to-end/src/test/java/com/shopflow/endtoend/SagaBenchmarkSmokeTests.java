package com.shopflow.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.shopflow.bench.Charts;
import com.shopflow.bench.Reports;
import com.shopflow.bench.SagaBenchmark;
import com.shopflow.stack.RunningStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The saga benchmark in miniature on the shared stack (a few seconds of load, the limits measured for a second,
 * no thresholds), so that the harness behind the README's performance figures keeps working.
 */
@ExtendWith(SharedStack.Extension.class)
class SagaBenchmarkSmokeTests {

    private static RunningStack stack;

    @BeforeAll
    static void useTheSharedStack(SharedStack sharedStack) {
        stack = sharedStack.stack();
    }

    @Test
    void benchmarkSeesEveryOrderDecidedAndWritesItsReport(@TempDir Path results) throws Exception {
        SagaBenchmark.Settings settings = new SagaBenchmark.Settings(stack.serviceUrl("order-service"),
                stack.serviceUrl("payment-service"), stack.serviceUrl("inventory-service"),
                stack.serviceUrl("notification-service"),
                List.of("orders", "payments", "inventory", "notifications").stream().map(stack::jdbcUrl).toList(),
                stack.kafkaBootstrapServers(), stack.jdbcUrl("orders"), stack.databaseUser(),
                stack.databasePassword(), List.of(5), Duration.ofSeconds(4), Duration.ofSeconds(60), Duration.ZERO,
                stack.mailApiUrl(), stack.tokens().admin(), true, Duration.ofSeconds(1));

        SagaBenchmark.Result result = SagaBenchmark.run(settings);

        assertThat(result.steps()).singleElement().satisfies(step -> {
            assertThat(step.placed()).isEqualTo(20);
            assertThat(step.errors()).isZero();
            assertThat(step.decided()).as("orders whose decision the benchmark saw on `orders`").isEqualTo(20);
            assertThat(step.confirmed() + step.cancelled()).isEqualTo(20);
            assertThat(step.saga().p50()).isPositive();
            assertThat(step.post().p99()).isPositive();
        });
        assertThat(result.limits().kafkaProducer().recordsPerSecond()).isPositive();
        assertThat(result.limits().kafkaHop().latency().p99()).isPositive();
        assertThat(result.limits().postgres1().transactionsPerSecond()).isPositive();
        assertThat(result.limits().postgres16().transactionsPerSecond()).isPositive();

        Reports.writeJson(results.resolve("saga.json"), result);
        Charts.sagaLatency(results.resolve("saga.png"), result);
        Reports.writeSagaSummary(results.resolve("saga.md"), result);
        assertThat(results.resolve("saga.json")).content().contains("targetRate");
        assertThat(results.resolve("saga.png")).isNotEmptyFile();
        assertThat(results.resolve("saga.md")).content().contains("orders/s");
    }
}
