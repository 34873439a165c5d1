package com.shopflow.stack;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
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

    /** By name: a class literal would make the launcher load a class linked against Kafka, which it does not have. */
    private static final String ACCESS_SETUP = "com.shopflow.stack.KafkaAccessSetup";

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
    void checkOptions(StackContext context) {
        context.kafkaSecurity().checkMode(context.options().secureKafka());
    }

    @Override
    void prepare(StackContext context) {
        Path dir = context.runFolder().dir(name());
        int port = context.port(Ports.KAFKA);
        int controllerPort = context.port(Ports.KAFKA_CONTROLLER);
        boolean secure = context.kafkaSecure();
        KafkaSecurity security = context.kafkaSecurity();
        String adminPassword = secure ? security.password(KafkaSecurity.ADMIN) : null;
        // Static voters rather than a bootstrapped dynamic quorum: the controller address is then plain
        // configuration, so the stack can come back on other ports over the same data.
        RunFolder.writeAtomically(serverProperties(context), """
                # Written by ./stack on every start; edit local-stack's KafkaComponent instead.
                process.roles=broker,controller
                node.id=1
                controller.quorum.voters=1@127.0.0.1:%2$d
                controller.listener.names=CONTROLLER
                %4$s
                log.dirs=%3$s
                num.partitions=6
                offsets.topic.replication.factor=1
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                """.formatted(port, controllerPort, data(context), secure
                ? secureListeners(port, controllerPort, adminPassword) : plainListeners(port, controllerPort)));
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
            security.recordMode(secure);
            List<String> format = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "--ignore-formatted",
                    "-t", clusterId, "-c", serverProperties(context).toString()));
            if (secure) {
                // The super user must exist before the broker starts: it is the inter-broker login.
                format.addAll(List.of("--add-scram", KafkaSecurity.MECHANISM + "=[name=" + KafkaSecurity.ADMIN
                        + ",password=" + adminPassword + "]"));
            }
            Processes.run(java(context, List.of("-Xmx256m", "-cp", kafkaLib(context.options()) + "/*",
                            "-Dlog4j2.configurationFile=" + log4jConfig(context).toUri()), format),
                    dir, context.runFolder().logFile(name()), Duration.ofMinutes(2));
        }
        if (secure) {
            security.writeAdminProperties();
        }
    }

    private static String plainListeners(int port, int controllerPort) {
        return """
                listeners=PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=PLAINTEXT://127.0.0.1:%1$d
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                inter.broker.listener.name=PLAINTEXT""".formatted(port, controllerPort);
    }

    /**
     * What deploy/kafka/broker.sh configures for compose: clients on SASL_PLAINTEXT with SCRAM-SHA-512, the controller
     * on SASL_PLAINTEXT with PLAIN (SCRAM credentials live in the metadata log the controller serves), and the
     * StandardAuthorizer allowing only what an ACL allows; {@code admin} is the one super user.
     */
    private static String secureListeners(int port, int controllerPort, String adminPassword) {
        return """
                listeners=SASL_PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
                advertised.listeners=SASL_PLAINTEXT://127.0.0.1:%1$d
                listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
                inter.broker.listener.name=SASL_PLAINTEXT
                sasl.enabled.mechanisms=%3$s
                sasl.mechanism.inter.broker.protocol=%3$s
                listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=%4$s
                sasl.mechanism.controller.protocol=PLAIN
                listener.name.controller.sasl.enabled.mechanisms=PLAIN
                listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule \
                required username="%5$s" password="%6$s" user_%5$s="%6$s";
                authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
                allow.everyone.if.no.acl.found=false
                super.users=User:%5$s""".formatted(port, controllerPort, KafkaSecurity.MECHANISM,
                KafkaSecurity.jaas(KafkaSecurity.ADMIN, adminPassword), KafkaSecurity.ADMIN, adminPassword);
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
        return KafkaProbe.brokerReady(kafkaLib(context.options()), context.kafkaClientProperties(KafkaSecurity.ADMIN));
    }

    /** On a secure broker: the services' users and the ACLs of deploy/kafka/acls.csv, in a JVM with Kafka's jars. */
    @Override
    void afterHealthy(StackContext context) {
        if (!context.kafkaSecure()) {
            return;
        }
        Path table = context.options().repoRoot().resolve(KafkaAcls.TABLE);
        Processes.run(java(context, List.of("-Xmx128m", "-cp", kafkaLib(context.options()) + "/*" + File.pathSeparator
                                + ownClasses(), "-Dlog4j2.configurationFile=" + log4jConfig(context).toUri()),
                        List.of(ACCESS_SETUP, context.kafkaBootstrapServers(),
                                context.kafkaSecurity().passwordsFile().toString(), table.toString())),
                context.runFolder().dir(name()), context.runFolder().logFile(name()), Duration.ofMinutes(2));
    }

    /** local-stack's own classes: {@code target/classes} or {@code local-stack.jar}. */
    private static Path ownClasses() {
        try {
            return Path.of(KafkaComponent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new StackException("Cannot locate local-stack's classes: " + e.getMessage(), e);
        }
    }

    /** A controlled shutdown of a combined node takes a few seconds. */
    @Override
    Duration stopGrace() {
        return Duration.ofSeconds(60);
    }

    @Override
    List<String[]> urls(StackContext context) {
        String address = "localhost:" + context.port(Ports.KAFKA);
        if (context.kafkaSecure()) {
            return List.<String[]>of(new String[] {"Kafka", address + "  SASL_PLAINTEXT, SCRAM-SHA-512, ACLs of "
                    + KafkaAcls.TABLE + "  (./stack topic orders)"},
                    new String[] {"  admin client", "--command-config " + context.kafkaSecurity().adminProperties()
                            + "  (super user; passwords: " + context.kafkaSecurity().passwordsFile() + ")"});
        }
        return List.<String[]>of(new String[] {"Kafka", address + "  (./stack topic orders)"});
    }
}
