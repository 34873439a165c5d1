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
        Path dataDirectory = freshDataDirectory(workDirectory);
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
     * The broker lives and dies with this JVM, so it is not closed at exit: closing it while Spring contexts are still
     * shutting down would make their consumers wait for a coordinator that is gone. Instead each JVM gets its own data
     * folder under {@code target/testkit}, and folders of JVMs that no longer run are removed here.
     */
    private static Path freshDataDirectory(Path workDirectory) throws IOException {
        Path parent = workDirectory.resolve("kafka");
        Files.createDirectories(parent);
        try (Stream<Path> old = Files.list(parent)) {
            for (Path folder : old.toList()) {
                String name = folder.getFileName().toString();
                if (name.startsWith("pid-") && !isAlive(name.substring(4))) {
                    ApicurioDistribution.deleteRecursively(folder);
                }
            }
        }
        catch (UncheckedIOException ignored) {
            // another JVM removed it first
        }
        Path mine = parent.resolve("pid-" + ProcessHandle.current().pid());
        ApicurioDistribution.deleteRecursively(mine);
        return Files.createDirectories(mine);
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
