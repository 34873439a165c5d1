package com.shopflow.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Writes benchmark results as JSON and Markdown files. */
public final class Reports {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Reports() {
    }

    public static void writeJson(Path file, Object result) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            JSON.writeValue(file.toFile(), result);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A short Markdown table of a saga run, for the README's Performance section. */
    public static void writeSagaSummary(Path file, SagaBenchmark.Result result) {
        StringBuilder md = new StringBuilder();
        md.append("Run at ").append(result.at()).append(".\n\n");
        if (result.limits() != null) {
            SagaBenchmark.MeasuredLimits l = result.limits();
            md.append("Limits measured in the same run: raw Kafka producer %,.0f records/s (300 B, acks=all, idempotent); "
                    .formatted(l.kafkaProducer().recordsPerSecond()))
                    .append("Kafka hop p50 %.2f ms / p99 %.2f ms at %.0f/s; ".formatted(l.kafkaHop().latency().p50(),
                            l.kafkaHop().latency().p99(), l.kafkaHop().ratePerSecond()))
                    .append("PostgreSQL single-row insert+commit %,.0f TPS with 1 connection, %,.0f TPS with 16.\n\n"
                            .formatted(l.postgres1().transactionsPerSecond(), l.postgres16().transactionsPerSecond()));
        }
        md.append("| offered/s | achieved/s | confirmed | cancelled | errors | POST p50 | POST p99 | saga p50 | saga p95 | saga p99 | saga max | outbox backlog peak | sustained |\n");
        md.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|\n");
        for (SagaBenchmark.Step s : result.steps()) {
            md.append("| %d | %.1f | %d | %d | %d | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.2f ms | %.0f | %s |\n"
                    .formatted(s.targetRate(), s.achievedOrdersPerSecond(), s.confirmed(), s.cancelled(), s.errors(),
                            s.post().p50(), s.post().p99(), s.saga().p50(), s.saga().p95(), s.saga().p99(),
                            s.saga().max(), s.outboxBacklogPeak(), s.sustained() ? "yes" : "no"));
        }
        md.append("\nMax sustained: %.0f orders/s".formatted(result.maxSustainedOrdersPerSecond()));
        if (result.sustainedToPostgres16Ratio() != null) {
            md.append("; ratio to PostgreSQL TPS@16: %.3f".formatted(result.sustainedToPostgres16Ratio()));
        }
        if (result.sagaP99ToKafkaHopP99Ratio() != null) {
            md.append("; saga p99 (step nearest 200/s) / Kafka hop p99: %.1f".formatted(result.sagaP99ToKafkaHopP99Ratio()));
        }
        md.append(".\n");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
