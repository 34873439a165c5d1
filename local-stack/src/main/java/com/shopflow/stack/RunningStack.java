package com.shopflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A started stack: addresses to connect to, a handle per component, and {@link #close()} to stop everything
 * (like {@code ./stack down}; the data stays in the run folder).
 */
public final class RunningStack implements AutoCloseable {

    private final LocalStack stack;
    private final List<String> names;
    private final Duration startupTime;

    RunningStack(LocalStack stack, List<String> names, Duration startupTime) {
        this.stack = stack;
        this.names = List.copyOf(names);
        this.startupTime = startupTime;
    }

    public LocalStack stack() {
        return stack;
    }

    /** The components this start brought up or found running. */
    public List<ComponentHandle> components() {
        return names.stream().map(stack::component).toList();
    }

    public ComponentHandle component(String name) {
        return stack.component(name);
    }

    public boolean isRunning(String name) {
        return names.contains(name) && stack.component(name).isRunning();
    }

    public Duration startupTime() {
        return startupTime;
    }

    public String kafkaBootstrapServers() {
        return stack.context().kafkaBootstrapServers();
    }

    /**
     * Settings of a Kafka client of the super user: {@code bootstrap.servers}, and on a secure broker
     * ({@link Options#withSecureKafka()}) {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}.
     * Add serdes and the rest; works the same on a plaintext broker.
     */
    public Map<String, String> kafkaClientProperties() {
        return kafkaClientProperties(KafkaSecurity.ADMIN);
    }

    /** The same as a service's own principal (its SCRAM user), limited by its ACLs on a secure broker. */
    public Map<String, String> kafkaClientProperties(String user) {
        return stack.context().kafkaClientProperties(user);
    }

    /** Whether the broker runs with SASL/SCRAM and ACLs. */
    public boolean kafkaSecure() {
        return stack.context().kafkaSecure();
    }

    /** {@code <run>/kafka/admin.properties}, the super user's settings for Kafka's console tools (secure broker only). */
    public Path kafkaAdminProperties() {
        return stack.context().kafkaSecurity().adminProperties();
    }

    /** Base URL of the registry, the value of {@code shopflow.messaging.registry-url}. */
    public String registryUrl() {
        return stack.context().registryUrl();
    }

    public String jdbcUrl(String database) {
        return stack.context().jdbcUrl(database);
    }

    public String databaseUser() {
        return PostgresComponent.APP_USER;
    }

    public String databasePassword() {
        return PostgresComponent.APP_PASSWORD;
    }

    public int smtpPort() {
        return stack.context().port(Ports.SMTP);
    }

    /** Base URL of GreenMail's REST API ({@code /api/user/<email>/messages}). */
    public String mailApiUrl() {
        return "http://127.0.0.1:" + stack.context().port(Ports.SMTP_API);
    }

    /** Mints bearer tokens the services accept (the stack's local signing key, made on first use). */
    public LocalTokens tokens() {
        return LocalTokens.in(stack.context().runFolder().dir("security"));
    }

    /** Base URL of a service, e.g. {@code http://127.0.0.1:8081} for order-service. */
    public String serviceUrl(String service) {
        return "http://127.0.0.1:" + stack.context().port(service);
    }

    /** Base URL of Prometheus, when the stack runs with monitoring ({@link Options#withMonitoring()}). */
    public String prometheusUrl() {
        return "http://127.0.0.1:" + stack.context().port(Ports.PROMETHEUS);
    }

    public Ports ports() {
        return stack.ports();
    }

    /**
     * Also stops the stack when this JVM exits (normally or on SIGTERM), so a test run that is cut short leaves no
     * processes behind. The processes themselves would outlive the JVM otherwise, as they do for {@code up -d}.
     */
    public RunningStack stopOnJvmExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(stack::down, "local-stack-down"));
        return this;
    }

    /** Stops every process of the run folder; data stays. */
    public void stop() {
        stack.down();
    }

    @Override
    public void close() {
        stop();
    }
}
