package com.shopflow.stack;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to start and where: the repository (for the built jars), the run folder (pid files, logs, data), the ports,
 * which components, and how long to wait. {@code ./stack} and tests build it the same way; tests change the run
 * folder and the ports.
 *
 * @param repoRoot       the shopflow checkout; jars are read from {@code <module>/target}
 * @param runDir         pid files, logs and data of every component
 * @param ports          requested ports; a component that is already running keeps the ports it was started with
 * @param components     names of the components to run (see {@link #INFRASTRUCTURE} and {@link ServiceSpec#ALL})
 * @param requireAll     fail instead of skipping a service whose jar is not built
 * @param startTimeout   how long {@code up} waits for every health check
 * @param serviceArgs    extra {@code --key=value} arguments for every service
 * @param serviceJavaOpts JVM options of every service
 * @param secureKafka    SASL/SCRAM and ACLs on the broker ({@link #withSecureKafka()})
 * @param out            where progress is printed; {@code null} for silence
 */
public record Options(Path repoRoot, Path runDir, Ports ports, Set<String> components, boolean requireAll,
                      Duration startTimeout, List<String> serviceArgs, List<String> serviceJavaOpts,
                      boolean secureKafka, PrintStream out) {

    /** The infrastructure components, started before any service. */
    public static final List<String> INFRASTRUCTURE = List.of("postgres", "kafka", "registry", "smtp");

    public Options {
        repoRoot = repoRoot.toAbsolutePath().normalize();
        runDir = runDir.toAbsolutePath().normalize();
        components = Set.copyOf(components);
        serviceArgs = List.copyOf(serviceArgs);
        serviceJavaOpts = List.copyOf(serviceJavaOpts);
    }

    /** What {@code ./stack} uses: run folder {@code <repo>/.run}, fixed ports (environment overrides), everything. */
    public static Options defaults() {
        Path repo = findRepoRoot();
        Map<String, String> env = System.getenv();
        Path runDir = env.containsKey("SHOPFLOW_RUN_DIR") ? Path.of(env.get("SHOPFLOW_RUN_DIR")) : repo.resolve(".run");
        List<String> javaOpts = env.containsKey("SHOPFLOW_SERVICE_JAVA_OPTS")
                ? List.of(env.get("SHOPFLOW_SERVICE_JAVA_OPTS").trim().split("\\s+"))
                // Serial GC: four small heaps sharing two cores; G1's concurrent threads and barriers cost more CPU
                // per order here (docs/performance.md).
                : List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC");
        return new Options(repo, runDir, Ports.fromEnvironment(env), allComponents(), false,
                Duration.ofMinutes(4), List.of(), javaOpts, false, System.out);
    }

    /**
     * Also runs Prometheus (Debian's {@code /usr/bin/prometheus}) scraping the services with the repository's scrape
     * config and alert rules: {@code ./stack up --with-monitoring}. {@link #monitoringInstalled()} says whether it can.
     */
    public Options withMonitoring() {
        Set<String> withPrometheus = new LinkedHashSet<>(components);
        withPrometheus.add(PrometheusComponent.NAME);
        return withComponents(withPrometheus);
    }

    /**
     * Kafka with SASL/SCRAM-SHA-512 and the StandardAuthorizer: one user per service plus the super user
     * {@code admin} (passwords made once in {@code <run>/kafka/passwords.properties}), the ACLs of
     * {@code deploy/kafka/acls.csv}, and every service started with its own credentials: {@code ./stack up
     * --secure-kafka}. A run folder keeps the mode its Kafka data was made in; {@code up} in the other mode fails.
     */
    public Options withSecureKafka() {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                true, out);
    }

    /** Whether the Prometheus binary {@link #withMonitoring()} runs is installed on this machine. */
    public static boolean monitoringInstalled() {
        return PrometheusComponent.installed();
    }

    /** Infrastructure only, in the given run folder, on free ports: for tests beside a running stack. */
    public static Options infrastructureForTests(Path runDir) {
        return defaults().withRunDir(runDir).withPorts(Ports.free()).withComponents(INFRASTRUCTURE)
                .withStartTimeout(Duration.ofMinutes(2));
    }

    public static Set<String> allComponents() {
        Set<String> all = new LinkedHashSet<>(INFRASTRUCTURE);
        ServiceSpec.ALL.forEach(service -> all.add(service.name()));
        return all;
    }

    public Options withRepoRoot(Path repoRoot) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withRunDir(Path runDir) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withPorts(Ports ports) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withComponents(Collection<String> components) {
        return new Options(repoRoot, runDir, ports, Set.copyOf(components), requireAll, startTimeout, serviceArgs,
                serviceJavaOpts, secureKafka, out);
    }

    /** Fail {@code up} when a service jar is missing, instead of skipping that service (for end-to-end tests). */
    public Options withRequireAll(boolean requireAll) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withStartTimeout(Duration startTimeout) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withServiceArgs(List<String> serviceArgs) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withServiceJavaOpts(List<String> serviceJavaOpts) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    public Options withOut(PrintStream out) {
        return new Options(repoRoot, runDir, ports, components, requireAll, startTimeout, serviceArgs, serviceJavaOpts,
                secureKafka, out);
    }

    /** {@code local-stack/target}: the Kafka, registry and SMTP server distributions copied there by the build. */
    public Path stackHome() {
        return repoRoot.resolve("local-stack").resolve("target");
    }

    /**
     * The checkout: {@code -Dshopflow.repo}, else where this class was loaded from
     * ({@code local-stack/target/classes} or {@code local-stack/target/local-stack.jar}), else the working directory
     * or a parent of it holding {@code local-stack/pom.xml}.
     */
    static Path findRepoRoot() {
        String property = System.getProperty("shopflow.repo");
        if (property != null) {
            return Path.of(property);
        }
        try {
            Path codeSource = Path.of(Options.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = codeSource.getParent() == null ? null : codeSource.getParent().getParent();
            if (candidate != null && candidate.getParent() != null && isRepo(candidate.getParent())) {
                return candidate.getParent();
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall through to the working directory
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRepo(dir)) {
                return dir;
            }
        }
        throw new StackException("Cannot find the shopflow checkout (a folder with local-stack/pom.xml); "
                + "run from inside it or pass -Dshopflow.repo=<path>");
    }

    private static boolean isRepo(Path dir) {
        return Files.isRegularFile(dir.resolve("local-stack").resolve("pom.xml"));
    }
}
