package com.shopflow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One of our Spring Boot services, run from a copy of its built jar and pointed at the stack's infrastructure. */
final class ServiceComponent extends Component {

    private final ServiceSpec spec;

    ServiceComponent(ServiceSpec spec) {
        super(spec.name());
        this.spec = spec;
    }

    ServiceSpec spec() {
        return spec;
    }

    @Override
    List<String> portNames() {
        return List.of(spec.name());
    }

    @Override
    int tier() {
        return 1;
    }

    static Path jar(Options options, ServiceSpec spec) {
        return options.repoRoot().resolve(spec.name()).resolve("target").resolve(spec.name() + ".jar");
    }

    @Override
    Optional<String> unavailable(StackContext context) {
        Path jar = jar(context.options(), spec);
        return Files.isRegularFile(jar) ? Optional.empty()
                : Optional.of(context.options().repoRoot().relativize(jar) + " is not built yet");
    }

    @Override
    Path workDir(StackContext context) {
        return context.runFolder().dir("services").resolve(name());
    }

    /** The jar the service runs from: a copy in its work folder (see {@link #prepare}). */
    Path runningJar(StackContext context) {
        return workDir(context).resolve(spec.name() + ".jar");
    }

    // A JVM loads classes from its jar lazily, for as long as it runs: run from the jar in target/, a rebuild (which
    // "./stack up" does when sources changed) replaced it under the running services, whose next unloaded class was
    // then a NoClassDefFoundError. Each start runs a copy instead.
    @Override
    void prepare(StackContext context) {
        Path copy = runningJar(context);
        Path partial = copy.resolveSibling(copy.getFileName() + ".part");
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(jar(context.options(), spec), partial, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StackException("Could not copy " + name() + "'s jar into " + copy.getParent(), e);
        }
    }

    @Override
    List<String> command(StackContext context) {
        List<String> args = new ArrayList<>();
        args.add("-jar");
        args.add(runningJar(context).toString());
        args.add("--server.port=" + context.port(spec.name()));
        args.add("--spring.datasource.url=" + context.jdbcUrl(spec.database()));
        // Its own role, owner of its database only (the password is a local-development default).
        args.add("--spring.datasource.username=" + PostgresComponent.role(spec));
        args.add("--spring.datasource.password=" + PostgresComponent.password(spec));
        args.add("--spring.kafka.bootstrap-servers=" + context.kafkaBootstrapServers());
        if (context.kafkaSecure()) {
            // Its own SCRAM user (= service name); the password goes through the environment, not the command line.
            args.add("--spring.kafka.security.protocol=" + KafkaSecurity.PROTOCOL);
            args.add("--spring.kafka.properties.sasl.mechanism=" + KafkaSecurity.MECHANISM);
        }
        args.add("--shopflow.messaging.registry-url=" + context.registryUrl());
        // One consumer thread per listener: every service shares this machine's cores, and one consumer over all six
        // partitions gets bigger batches per transaction than three over two each (docs/performance.md; a deployment
        // with its own cores keeps the services' concurrency of 3).
        args.add("--spring.kafka.listener.concurrency=1");
        // Trusts the stack's own signing key (./stack token mints with its private half).
        args.add("--spring.security.oauth2.resourceserver.jwt.public-key-location=file:"
                + LocalTokens.in(context.runFolder().dir("security")).publicKeyFile());
        if (spec.sendsMail()) {
            args.add("--spring.mail.host=127.0.0.1");
            args.add("--spring.mail.port=" + context.port(Ports.SMTP));
        }
        args.addAll(context.options().serviceArgs());
        return java(context, context.options().serviceJavaOpts(), args);
    }

    /** On a secure broker, the service's SCRAM login, read by Spring Boot as spring.kafka.properties.sasl.jaas.config. */
    @Override
    Map<String, String> environment(StackContext context) {
        if (!context.kafkaSecure()) {
            return Map.of();
        }
        return Map.of("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                KafkaSecurity.jaas(spec.name(), context.kafkaSecurity().password(spec.name())));
    }

    @Override
    boolean healthy(StackContext context) {
        return Http.ok("http://127.0.0.1:" + context.port(spec.name()) + "/actuator/health", "\"UP\"");
    }

    @Override
    List<String[]> urls(StackContext context) {
        String base = "http://localhost:" + context.port(spec.name());
        return List.<String[]>of(new String[] {spec.name(), base + "   swagger: " + base + "/swagger-ui.html"
                + "   metrics: " + base + "/actuator/prometheus"});
    }
}
