package com.shopflow.chaos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.shopflow.stack.LocalStack;
import com.shopflow.stack.Options;
import com.shopflow.stack.Ports;
import com.shopflow.stack.RunningStack;

/**
 * The full chaos run: starts the stack in a temporary run folder on free ports, seeds accounts and stock, runs every
 * scenario of {@link Scenarios#full()} under order traffic with the invariant check after each, writes the report
 * and stops everything. Exit code 0 when no invariant was violated.
 * <pre>
 * ./mvnw -B -pl chaos -Pchaos verify
 * ./mvnw -B -pl chaos -Pchaos verify -Dchaos.args="--rate=30 --only=kill-payment-service,poison --report=/tmp/r"
 * </pre>
 */
public final class ChaosRunner {

    private ChaosRunner() {
    }

    public static void main(String[] args) throws Exception {
        ChaosSettings settings = ChaosSettings.full();
        Path report = Path.of("docs/reliability-report");
        Set<String> only = Set.of();
        boolean keep = false;
        Path attach = null;
        for (String arg : args) {
            if (arg.startsWith("--rate=")) {
                settings = settings.withOrdersPerSecond(Double.parseDouble(arg.substring(7)));
            } else if (arg.startsWith("--report=")) {
                report = Path.of(arg.substring(9));
            } else if (arg.startsWith("--only=")) {
                only = Set.copyOf(Arrays.asList(arg.substring(7).split(",")));
            } else if (arg.startsWith("--fuzz=")) {
                settings = settings.withFuzz(Integer.parseInt(arg.substring(7)), settings.fuzzSeed());
            } else if (arg.startsWith("--attach=")) {
                attach = Path.of(arg.substring(9));
            } else if (arg.equals("--keep-run-dir")) {
                keep = true;
            } else {
                System.err.println("Unknown argument " + arg + "; known: --rate=N --only=a,b --report=path --fuzz=N "
                        + "--keep-run-dir --attach=<run folder of a running stack>");
                System.exit(2);
            }
        }
        List<Scenario> scenarios = new ArrayList<>(Scenarios.full());
        scenarios.add(Scenarios.checkOnly());
        if (!only.isEmpty()) {
            Set<String> chosen = only;
            scenarios.removeIf(s -> !chosen.contains(s.name()));
        } else {
            scenarios.removeIf(s -> s.name().equals("check"));
        }
        Path runDir = attach != null ? attach : Files.createTempDirectory("shopflow-chaos-");
        Instant started = Instant.now();
        System.out.println("Chaos run: " + scenarios.size() + " scenarios, " + settings.ordersPerSecond()
                + " orders/s, run folder " + runDir);
        Report result;
        // --attach works on a stack someone else started (./stack up -d): it is left running afterwards.
        RunningStack stack = attach != null
                ? new LocalStack(Options.defaults().withRunDir(attach)).attach()
                : LocalStack.start(options(runDir, settings)).stopOnJvmExit();
        try (AutoCloseable stop = attach != null ? () -> { } : stack::stop;
             ChaosRun run = new ChaosRun(stack, settings, System.out::println)) {
            System.out.println("Stack up in " + stack.startupTime().toSeconds() + " s");
            run.seed();
            for (Scenario scenario : scenarios) {
                run.run(scenario);
            }
            result = new Report(started, Duration.between(started, Instant.now()).toSeconds(), settings, commit(),
                    run.results());
        } catch (Exception e) {
            throw new IllegalStateException("Chaos run aborted: " + e, e);
        } finally {
            if (!keep && attach == null) {
                deleteQuietly(runDir);
            }
        }
        result.write(report);
        System.out.printf("%nChaos run %s: %d orders placed, %d terminal, %d violations. Report: %s.md / .json%n",
                result.passed() ? "PASSED" : "FAILED", result.placed(), result.terminal(), result.violations(), report);
        System.exit(result.passed() ? 0 : 1);
    }

    /**
     * The stack the chaos runs on: everything, in its own run folder, on free ports, with the chaos settings, from a
     * copy of the service jars (see {@link JarSnapshot}).
     */
    public static Options options(Path runDir, ChaosSettings settings) {
        Options defaults = Options.defaults();
        return defaults.withRepoRoot(JarSnapshot.of(defaults.repoRoot(), runDir)).withRunDir(runDir).withPorts(Ports.free()).withRequireAll(true)
                .withStartTimeout(Duration.ofMinutes(6)).withServiceArgs(settings.serviceArgs())
                // Start-up dominates on a busy 2-core machine (every restart is one): C1 only, serial GC.
                .withServiceJavaOpts(List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1"));
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 ? out : "unknown";
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
