package com.shopflow.bench;

import java.time.Duration;

import com.shopflow.testkit.Infrastructure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reduced run of the relay benchmark on the test kit's broker and database, so the harness never rots.
 * It checks the harness measures something, not how fast: figures come from the real benchmark command.
 */
class RelayBenchmarkTests {

    @Test
    void drainsTheWholeBacklogAndMeasuresCommitToAck() throws Exception {
        Infrastructure infrastructure = Infrastructure.shared();
        RelayBenchmark.Settings settings = new RelayBenchmark.Settings(infrastructure.kafkaBootstrapServers(),
                infrastructure.jdbcUrl("postgres"), infrastructure.username(), infrastructure.password(), 2_000, 300,
                200, Duration.ofSeconds(2), 500);

        RelayBenchmark.Result result = RelayBenchmark.run(settings);

        assertThat(result.rawProducer().recordsPerSecond()).isPositive();
        assertThat(result.relayDrainPerSecond()).isPositive();
        assertThat(result.commitToAck().count()).isEqualTo(400);
        assertThat(result.commitToAck().p50()).isPositive().isLessThan(result.commitToAck().max() + 0.001);
    }

    @Test
    void measuresPostgresCommitsAndTheKafkaHop() {
        Infrastructure infrastructure = Infrastructure.shared();

        Limits.PostgresTps tps = Limits.postgres(infrastructure.jdbcUrl("postgres"), infrastructure.username(),
                infrastructure.password(), 2, Duration.ofSeconds(1));
        Limits.HopLatency hop = Limits.kafkaHop(infrastructure.kafkaBootstrapServers(), 300, 200,
                Duration.ofSeconds(1));

        assertThat(tps.transactionsPerSecond()).isPositive();
        assertThat(hop.latency().count()).isEqualTo(200);
    }
}
