package com.shopflow.chaos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The reliability report of a chaos run, as JSON and as Markdown. */
public record Report(Instant startedAt, long seconds, ChaosSettings settings, String commit, List<ScenarioResult> scenarios) {

    public long placed() {
        return scenarios.stream().mapToLong(ScenarioResult::placed).sum();
    }

    public long terminal() {
        return scenarios.stream().mapToLong(ScenarioResult::terminal).sum();
    }

    public long violations() {
        return scenarios.stream().mapToLong(ScenarioResult::violationCount).sum();
    }

    public boolean passed() {
        return violations() == 0;
    }

    /** Writes {@code <base>.json} and {@code <base>.md}. */
    public void write(Path base) {
        try {
            Path dir = base.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("startedAt", startedAt.toString());
            json.put("seconds", seconds);
            json.put("commit", commit);
            json.put("settings", Map.of("ordersPerSecond", settings.ordersPerSecond(),
                    "orderDeadlineSeconds", settings.orderDeadline().toSeconds(),
                    "decisionWindowSeconds", settings.decisionWindow().toSeconds(),
                    "settleWindowSeconds", settings.settleWindow().toSeconds(),
                    "fuzzRequests", settings.fuzzRequests(), "fuzzSeed", settings.fuzzSeed()));
            json.put("totals", Map.of("placed", placed(), "terminal", terminal(), "violations", violations(),
                    "passed", passed()));
            json.put("scenarios", scenarios);
            JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
            Files.writeString(Path.of(base + ".json"), mapper.writeValueAsString(json) + "\n");
            Files.writeString(Path.of(base + ".md"), markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Reliability report\n\n");
        md.append("Chaos run of ").append(startedAt).append(" (").append(seconds / 60).append(" min ")
                .append(seconds % 60).append(" s), commit `").append(commit).append("`: the whole stack as separate ")
                .append("processes (`LocalStack`), ").append(String.format("%.0f", settings.ordersPerSecond()))
                .append(" orders/s of steady traffic (about 70 % meant to confirm, 15 % from a customer without ")
                .append("credit, 15 % on a SKU that runs out), one fault at a time. Order deadline ")
                .append(settings.orderDeadline().toSeconds()).append(" s. Produced by `./mvnw -B -pl chaos -Pchaos verify` ")
                .append("(`com.shopflow.chaos.ChaosRunner`); the same data as JSON in `reliability-report.json`.\n\n");
        md.append("**Result: ").append(passed() ? "PASSED" : "FAILED").append("** — ").append(placed())
                .append(" orders placed (HTTP 202), ").append(terminal()).append(" of them ended CONFIRMED or CANCELLED, ")
                .append(violations()).append(" violations.\n\n");
        md.append("| scenario | orders placed | terminal | confirmed / cancelled | other answers | violations |\n");
        md.append("|---|---:|---:|---|---|---:|\n");
        for (ScenarioResult s : scenarios) {
            Map<String, Long> other = new LinkedHashMap<>(s.requests());
            other.remove("202");
            md.append("| `").append(s.name()).append("` | ").append(s.placed()).append(" | ").append(s.terminal())
                    .append(" | ").append(s.confirmed()).append(" / ").append(s.cancelled()).append(" | ")
                    .append(other.isEmpty() ? "" : other.toString().replace("|", "/")).append(" | ")
                    .append(s.violationCount()).append(" |\n");
        }
        md.append("\nInvariants checked after every scenario, over every order placed so far (databases read over JDBC, ")
                .append("topics read raw): every 202 order exists and is CONFIRMED or CANCELLED within deadline + 30 s; ")
                .append("one decision event per order on `orders`, matching the database; a confirmed order has its ")
                .append("payment AUTHORIZED and its reservation SOLD, a cancelled one neither; every order was answered ")
                .append("by payment-service and inventory-service; credit used = standing authorizations per account; ")
                .append("stock per SKU never negative, counters equal to the reservations, and conserved against what ")
                .append("was put in; exactly one SENT mail per (order, kind) and none of the wrong kind; the read ")
                .append("model agrees with the orders table (status, total, one placement and one decision in the ")
                .append("timeline); outboxes ")
                .append("drained, nothing parked; every poison record in `<topic>.DLT` for every consumer group of its ")
                .append("topic; every consumer group caught up (lag 0).\n\n");
        md.append("## Scenarios\n");
        for (ScenarioResult s : scenarios) {
            md.append("\n### `").append(s.name()).append("` — ").append(s.passed() ? "passed" : "FAILED").append("\n\n");
            md.append(s.description()).append(". ").append(s.seconds()).append(" s.\n\n");
            s.notes().forEach(n -> md.append("- ").append(n).append('\n'));
            if (!s.requests().isEmpty()) {
                md.append("- order requests: ").append(s.requests()).append('\n');
            }
            md.append("- checker counts: ").append(s.counts()).append('\n');
            s.observations().forEach(o -> md.append("- observation: ").append(o).append('\n'));
            if (!s.violations().isEmpty()) {
                md.append("\nViolations (").append(s.violationCount()).append(", by invariant ").append(s.byInvariant())
                        .append("):\n\n");
                s.violations().forEach(v -> md.append("- `").append(v.replace("`", "'"))
                        .append("`\n"));
            }
        }
        return md.toString();
    }
}
