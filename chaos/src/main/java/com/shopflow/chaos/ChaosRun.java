package com.shopflow.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import com.shopflow.stack.RunningStack;

/**
 * Runs scenarios one at a time against a started stack: order traffic before, during and after each fault, then the
 * invariant check over everything placed so far. Also the context a scenario's action works with.
 */
public final class ChaosRun implements AutoCloseable {

    private final RunningStack stack;
    private final ChaosSettings settings;
    private final Consumer<String> out;
    private final Http http = new Http(Duration.ofSeconds(10));
    private final Topics topics;
    private final Databases databases;
    private final InvariantChecker checker;
    private final Injector injector;
    private final Shop shop;
    private final OrderTraffic traffic;
    private final List<Injector.Poison> poisons = new CopyOnWriteArrayList<>();
    private final List<ScenarioResult> results = new ArrayList<>();

    public ChaosRun(RunningStack stack, ChaosSettings settings, Consumer<String> out) {
        this.stack = stack;
        this.settings = settings;
        this.out = out;
        this.topics = new Topics(stack.kafkaBootstrapServers());
        this.databases = new Databases(stack);
        this.checker = new InvariantChecker(databases, topics);
        this.injector = new Injector(topics);
        this.shop = new Shop(Long.toString(System.currentTimeMillis(), 36));
        String adminToken = stack.tokens().admin();
        http.authorize(adminToken);
        this.traffic = new OrderTraffic(stack.serviceUrl("order-service"), adminToken, shop,
                settings.ordersPerSecond());
    }

    /** Sets credit limits and stock for this run's customers and SKUs. */
    public ChaosRun seed() {
        shop.seed(http, stack.serviceUrl("payment-service"), stack.serviceUrl("inventory-service"));
        return this;
    }

    public ScenarioResult run(Scenario scenario) {
        out.accept("== " + scenario.name() + ": " + scenario.description());
        Instant began = Instant.now();
        ScenarioLog log = new ScenarioLog(out);
        traffic.scenario(scenario.name());
        if (scenario.traffic()) {
            traffic.start();
            pause(settings.before());
        }
        try {
            scenario.action().run(this, log);
        } catch (Exception e) {
            log.violation(new Violation("SCENARIO_FAILED", scenario.name(), e.toString()));
        }
        if (scenario.traffic()) {
            pause(settings.after());
            traffic.stop();
        }
        out.accept("  traffic stopped; checking invariants");
        InvariantChecker.Result check = checker.awaitClean(traffic.accepted(), shop, List.copyOf(poisons),
                settings.decisionWindow(), settings.settleWindow(), out);
        List<Violation> violations = new ArrayList<>(log.violations());
        violations.addAll(check.violations());
        Map<String, Long> byInvariant = new java.util.TreeMap<>();
        violations.forEach(v -> byInvariant.merge(v.invariant(), 1L, Long::sum));

        List<OrderTraffic.PlacedOrder> placed = traffic.accepted(scenario.name());
        Map<String, String> status = new HashMap<>();
        for (Object[] row : databases.query("orders", "select id::text, status from orders")) {
            status.put((String) row[0], (String) row[1]);
        }
        long confirmed = placed.stream().filter(o -> "CONFIRMED".equals(status.get(o.orderId()))).count();
        long cancelled = placed.stream().filter(o -> "CANCELLED".equals(status.get(o.orderId()))).count();
        ScenarioResult result = new ScenarioResult(scenario.name(), scenario.description(),
                Duration.between(began, Instant.now()).toSeconds(), placed.size(), traffic.outcomes(scenario.name()),
                confirmed, cancelled, confirmed + cancelled, violations.size(),
                examples(violations, byInvariant), byInvariant, check.counts(),
                log.notes(), check.observations());
        results.add(result);
        out.accept(String.format("  %s: placed %d, terminal %d (confirmed %d, cancelled %d), violations %d %s",
                result.passed() ? "PASSED" : "FAILED", result.placed(), result.terminal(), confirmed, cancelled,
                result.violationCount(), byInvariant.isEmpty() ? "" : byInvariant));
        check.observations().forEach(o -> out.accept("  note: " + o));
        byInvariant.keySet().forEach(invariant -> violations.stream().filter(v -> v.invariant().equals(invariant))
                .limit(3).forEach(v -> out.accept("    e.g. " + v)));
        return result;
    }

    /** Up to five violations of each invariant, so a rare one is not hidden behind many of another. */
    private static List<String> examples(List<Violation> violations, Map<String, Long> byInvariant) {
        List<String> examples = new ArrayList<>();
        for (String invariant : byInvariant.keySet()) {
            violations.stream().filter(v -> v.invariant().equals(invariant)).limit(5)
                    .forEach(v -> examples.add(v.toString()));
        }
        return examples;
    }

    /**
     * Keeps traffic running for {@code whileDown}, then pauses it while {@code repair} runs (typically a component
     * start, which waits for its health check), and resumes it.
     */
    public void whileDown(Runnable repair) {
        pause(settings.whileDown());
        boolean wasRunning = traffic.running();
        traffic.stop();
        try {
            repair.run();
        } finally {
            if (wasRunning) {
                traffic.start();
            }
        }
    }

    public List<ScenarioResult> results() {
        return List.copyOf(results);
    }

    public RunningStack stack() {
        return stack;
    }

    public ChaosSettings settings() {
        return settings;
    }

    public Topics topics() {
        return topics;
    }

    public Databases databases() {
        return databases;
    }

    public Injector injector() {
        return injector;
    }

    public OrderTraffic traffic() {
        return traffic;
    }

    public Shop shop() {
        return shop;
    }

    public InvariantChecker checker() {
        return checker;
    }

    public List<Injector.Poison> poisons() {
        return poisons;
    }

    public void addPoisons(List<Injector.Poison> added) {
        poisons.addAll(added);
    }

    public void print(String line) {
        out.accept(line);
    }

    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        traffic.close();
        topics.close();
    }
}
