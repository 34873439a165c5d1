package com.shopflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** One combined KRaft node (broker and controller) running inside this JVM, built with Kafka's own test kit. */
final class KafkaBroker {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KafkaBroker start(Path workDirectory) throws Exception {
        Path dataDirectory = freshDirectory(workDirectory, "kafka");
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBaseDirectory(dataDirectory)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("offsets.topic.num.partitions", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("transaction.state.log.num.partitions", "1")
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "1")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new KafkaBroker(cluster);
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * A folder {@code <work>/<kind>/pid-<this JVM>} that no other JVM uses, after removing the folders of JVMs that no
     * longer run. The broker lives and dies with this JVM and is not closed at exit: closing it while Spring contexts
     * are still shutting down would make their consumers wait for a coordinator that is gone.
     */
    static Path freshDirectory(Path workDirectory, String kind) throws IOException {
        Path parent = workDirectory.resolve(kind);
        Files.createDirectories(parent);
        try (Stream<Path> old = Files.list(parent)) {
            for (Path folder : old.toList()) {
                String name = folder.getFileName().toString();
                if (name.startsWith("pid-") && !isAlive(name.substring(4))) {
                    stopOrphanedPostmaster(folder);
                    ApicurioDistribution.deleteRecursively(folder);
                }
            }
        }
        catch (IOException | UncheckedIOException ignored) {
            // another JVM removed it first
        }
        Path mine = parent.resolve("pid-" + ProcessHandle.current().pid());
        ApicurioDistribution.deleteRecursively(mine);
        return Files.createDirectories(mine);
    }

    /** A PostgreSQL left running by a JVM that was killed (no shutdown hooks) still owns its data folder. */
    private static void stopOrphanedPostmaster(Path folder) {
        Path pidFile = folder.resolve("postmaster.pid");
        try {
            if (Files.isRegularFile(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().command().orElse("").endsWith("postgres"))
                        .ifPresent(postmaster -> {
                            postmaster.destroy();
                            postmaster.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS)
                                    .exceptionally(timeout -> null).join();
                        });
            }
        }
        catch (IOException | RuntimeException ignored) {
            // nothing left to stop
        }
    }

    private static boolean isAlive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        }
        catch (NumberFormatException e) {
            return false;
        }
    }
}
