package com.shopflow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) run from the Central jars the build copied into
 * {@code local-stack/target/kafka-lib}. Storage is formatted once; the cluster id stays in the run folder, so topics
 * survive {@code down} and {@code up}.
 */
final class KafkaComponent extends Component {

    KafkaComponent() {
        super("kafka");
    }

    @Override
    List<String> portNames() {
        return List.of(Ports.KAFKA, Ports.KAFKA_CONTROLLER);
    }

    static Path kafkaLib(Options options) {
        return options.stackHome().resolve("kafka-lib");
    }

    private Path data(StackContext context) {
        return context.runFolder().dir(name()).resolve("data");
    }

    private Path serverProperties(StackContext context) {
        return context.runFolder().dir(name()).resolve("server.properties");
    }

    private Path log4jConfig(StackContext context) {
        return context.runFolder().dir(name()).resolve("log4j2.properties");
    }

    @Override
    Optional<String> unavailable(StackContext context) {
        return Files.isDirectory(kafkaLib(context.options())) ? Optional.empty()
                : Optional.of(kafkaLib(context.options()) + " is missing; build local-stack first");
    }

    @Override
    void prepare(StackContext context) {
        Path dir = context.runFolder().dir(name());
        int port = context.port(Ports.KAFKA);
        int controllerPort = context.port(Ports.KAFKA_CONTROLLER);
        // Static voters rather than a bootstrapped dynamic quorum: the controller address is then plain
        // configuration, so the stack can come back on other ports over the same data.
        RunFolder.writeAtomically(serverProperties(context), """
                # Written by ./stack on every start; edit local-stack's KafkaComponent instead.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                log.dirs=%3$s
                num.partitions=6
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data(context)));
        RunFolder.writeAtomically(log4jConfig(context), """
                status = warn
                appender.out.type = Console
                appender.out.name = OUT
                appender.out.layout.type = PatternLayout
                appender.out.layout.pattern = [%d] %p %m (%c)%n
                rootLogger.level = info
                rootLogger.appenderRef.out.ref = OUT
                logger.state.name = state.change.logger
                logger.state.level = warn
                """);
        if (!Files.exists(data(context).resolve("meta.properties"))) {
            String clusterId = clusterId(dir);
            Processes.run(java(context, List.of("-Xmx256m", "-cp", kafkaLib(context.options()) + "/*",
                            "-Dlog4j2.configurationFile=" + log4jConfig(context).toUri()),
                            List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                                    "-t", clusterId, "-c", serverProperties(context).toString())),
                    dir, context.runFolder().logFile(name()), Duration.ofMinutes(2));
        }
    }

    /** The cluster id kept in the run folder, made once like {@code kafka-storage random-uuid}. */
    private static String clusterId(Path dir) {
        Path file = dir.resolve("cluster.id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            String id;
            SecureRandom random = new SecureRandom();
            do {
                byte[] bytes = new byte[16];
                random.nextBytes(bytes);
                id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            } while (id.startsWith("-"));
            RunFolder.writeAtomically(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new StackException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    List<String> command(StackContext context) {
        List<String> jvm = new ArrayList<>(List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20",
                "-Djava.awt.headless=true", "--enable-native-access=ALL-UNNAMED",
                "-Dlog4j2.configurationFile=" + log4jConfig(context).toUri(),
                "-cp", kafkaLib(context.options()) + "/*"));
        jvm.addAll(classDataSharing(context, context.options().stackHome(), "kafka"));
        return java(context, jvm, List.of("kafka.Kafka", serverProperties(context).toString()));
    }

    @Override
    boolean healthy(StackContext context) {
        return KafkaProbe.brokerReady(kafkaLib(context.options()), context.kafkaBootstrapServers());
    }

    /** A controlled shutdown of a combined node takes a few seconds. */
    @Override
    Duration stopGrace() {
        return Duration.ofSeconds(60);
    }

    @Override
    List<String[]> urls(StackContext context) {
        return List.<String[]>of(new String[] {"Kafka", "localhost:" + context.port(Ports.KAFKA)
                + "  (./stack topic orders)"});
    }
}
