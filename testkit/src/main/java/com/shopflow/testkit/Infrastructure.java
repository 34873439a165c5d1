package com.shopflow.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real infrastructure every shopflow test runs against, started once per JVM and shared: a Kafka KRaft broker
 * (in this JVM), PostgreSQL (a child process, one database per name) and Apicurio Registry (a child process).
 * The child processes are stopped when the JVM exits, also after failed tests.
 */
public final class Infrastructure {

    private static final Logger log = LoggerFactory.getLogger(Infrastructure.class);

    private static final Object LOCK = new Object();
    private static volatile Infrastructure shared;
    private static RuntimeException startFailure;

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final ApicurioRegistryProcess registry;
    private final Map<String, Duration> startupTimes;
    private final Object clientsLock = new Object();
    private Admin admin;
    private TestEvents events;

    private Infrastructure(KafkaBroker kafka, PostgresServer postgres, ApicurioRegistryProcess registry,
            Map<String, Duration> startupTimes) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.registry = registry;
        this.startupTimes = Map.copyOf(startupTimes);
    }

    /** The JVM-wide instance, started on first call (in parallel, a few seconds); later calls return at once. */
    public static Infrastructure shared() {
        Infrastructure current = shared;
        if (current != null) {
            return current;
        }
        synchronized (LOCK) {
            if (shared != null) {
                return shared;
            }
            if (startFailure != null) {
                // Fail every later test fast instead of trying (and timing out) again per test class.
                throw new IllegalStateException("Test infrastructure failed to start earlier in this JVM", startFailure);
            }
            try {
                shared = start(Path.of(System.getProperty("shopflow.testkit.dir", "target/testkit")));
            }
            catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
            return shared;
        }
    }

    /** Broker address for {@code spring.kafka.bootstrap-servers} and plain clients. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Apicurio base URL, e.g. {@code http://127.0.0.1:41234}; the value of {@code shopflow.messaging.registry-url}. */
    public String registryUrl() {
        return registry.url();
    }

    /** The registry's core v3 API, for the Apicurio serde's {@code apicurio.registry.url}. */
    public String registryApiUrl() {
        return registry.apiUrl();
    }

    /** The registry's Confluent-compatible API. */
    public String registryCcompatUrl() {
        return registry.ccompatUrl();
    }

    /** JDBC URL of the named database, created if it does not exist yet. */
    public String jdbcUrl(String database) {
        return postgres.jdbcUrl(database);
    }

    /** A (non-pooled) data source for the named database, created if it does not exist yet. */
    public DataSource dataSource(String database) {
        return postgres.dataSource(database);
    }

    public String username() {
        return PostgresServer.USERNAME;
    }

    public String password() {
        return PostgresServer.PASSWORD;
    }

    /** A Kafka admin client shared by all callers; do not close it. */
    public Admin admin() {
        synchronized (clientsLock) {
            if (admin == null) {
                admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrapServers()));
            }
            return admin;
        }
    }

    /** Creates the topics that do not exist yet and waits until they do. */
    public void createTopics(int partitions, String... names) {
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(new NewTopic(name, partitions, (short) 1));
        }
        try {
            admin().createTopics(topics).values().values().forEach(future -> {
                try {
                    future.get(30, TimeUnit.SECONDS);
                }
                catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topics " + Set.of(names), e.getCause());
                    }
                }
                catch (InterruptedException | TimeoutException e) {
                    throw new IllegalStateException("Could not create topics " + Set.of(names), e);
                }
            });
        }
        catch (CompletionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** A {@link TestEvents} shared by all callers of this JVM; do not close it. */
    public TestEvents events() {
        synchronized (clientsLock) {
            if (events == null) {
                events = new TestEvents(kafkaBootstrapServers(), registryUrl());
            }
            return events;
        }
    }

    /** The registry process, e.g. for its log file. */
    public ApicurioRegistryProcess registry() {
        return registry;
    }

    /** How long each part took to start ({@code kafka}, {@code postgres}, {@code registry}, {@code total}). */
    public Map<String, Duration> startupTimes() {
        return startupTimes;
    }

    private static Infrastructure start(Path workDirectory) {
        LogLevels.quietNoisyLoggers();
        long begin = System.nanoTime();
        ExecutorService starters = Executors.newFixedThreadPool(3, runnable -> {
            Thread thread = new Thread(runnable, "testkit-starter");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Duration> times = new LinkedHashMap<>();
        CompletableFuture<KafkaBroker> kafka = CompletableFuture.supplyAsync(
                timed("kafka", times, () -> KafkaBroker.start(workDirectory)), starters);
        CompletableFuture<PostgresServer> postgres = CompletableFuture.supplyAsync(
                timed("postgres", times, () -> PostgresServer.start(workDirectory)), starters);
        CompletableFuture<ApicurioRegistryProcess> registry = CompletableFuture.supplyAsync(
                timed("registry", times, () -> ApicurioRegistryProcess.builder()
                        .logFile(workDirectory.resolve("apicurio-registry.log"))
                        .pidFile(workDirectory.resolve("apicurio-registry.pid"))
                        .stopOnJvmExit(false)
                        .start()), starters);
        starters.shutdown();
        try {
            CompletableFuture.allOf(kafka, postgres, registry).join();
        }
        catch (CompletionException e) {
            // Leave nothing running: whatever did start is stopped before the failure is reported.
            stopQuietly(postgres, registry);
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Test infrastructure failed to start", cause);
        }
        synchronized (times) {
            times.put("total", Duration.ofNanos(System.nanoTime() - begin));
        }
        Infrastructure infrastructure = new Infrastructure(kafka.join(), postgres.join(), registry.join(), times);
        Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::stop, "testkit-stopper"));
        log.info("Test infrastructure up in {} ms (Kafka {} ms, PostgreSQL {} ms, Apicurio Registry {} ms): "
                        + "kafka={} registry={} postgres=localhost:{}",
                times.get("total").toMillis(), times.get("kafka").toMillis(), times.get("postgres").toMillis(),
                times.get("registry").toMillis(), infrastructure.kafkaBootstrapServers(), infrastructure.registryUrl(),
                infrastructure.postgres.port());
        return infrastructure;
    }

    private static void stopQuietly(CompletableFuture<PostgresServer> postgres,
            CompletableFuture<ApicurioRegistryProcess> registry) {
        try {
            if (postgres != null && postgres.isDone() && !postgres.isCompletedExceptionally()) {
                postgres.join().close();
            }
        }
        catch (Exception ignored) {
            // best effort
        }
        if (registry != null && registry.isDone() && !registry.isCompletedExceptionally()) {
            registry.join().stop();
        }
    }

    /** Runs at JVM exit: stops the child processes in parallel. The in-JVM broker ends with the JVM. */
    private void stop() {
        Collection<Thread> stoppers = List.of(
                new Thread(registry::stop, "testkit-stop-registry"),
                new Thread(() -> {
                    try {
                        postgres.close();
                    }
                    catch (Exception e) {
                        log.debug("Stopping PostgreSQL failed", e);
                    }
                }, "testkit-stop-postgres"));
        stoppers.forEach(Thread::start);
        for (Thread stopper : stoppers) {
            try {
                stopper.join(20_000);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @FunctionalInterface
    private interface Starter<T> {
        T start() throws Exception;
    }

    private static <T> java.util.function.Supplier<T> timed(String part, Map<String, Duration> times, Starter<T> starter) {
        return () -> {
            long begin = System.nanoTime();
            try {
                T started = starter.start();
                Duration took = Duration.ofNanos(System.nanoTime() - begin);
                synchronized (times) {
                    times.put(part, took);
                }
                log.info("Test infrastructure: {} started in {} ms", part, took.toMillis());
                return started;
            }
            catch (RuntimeException e) {
                throw e;
            }
            catch (Exception e) {
                throw new IllegalStateException("Could not start " + part, e);
            }
        };
    }
}
