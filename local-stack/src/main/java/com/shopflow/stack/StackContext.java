package com.shopflow.stack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a component needs to prepare, start and check itself: the options, the run folder and the actual ports. */
record StackContext(Options options, RunFolder runFolder, Ports ports) {

    /** The JVM running the launcher; {@code ./stack} made sure it is 21+, so every child uses it too. */
    Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    int port(String name) {
        return ports.get(name);
    }

    String kafkaBootstrapServers() {
        return "127.0.0.1:" + port(Ports.KAFKA);
    }

    KafkaSecurity kafkaSecurity() {
        return KafkaSecurity.in(runFolder);
    }

    /**
     * Whether the broker runs with SASL and ACLs: as its data was formatted, so {@code status}, {@code topic} and the
     * tools follow the run folder; as the options ask while it is not formatted yet.
     */
    boolean kafkaSecure() {
        return kafkaSecurity().formattedSecure().orElse(options.secureKafka());
    }

    /** Client settings of {@code user}: the bootstrap servers, and with SASL its protocol, mechanism and login. */
    Map<String, String> kafkaClientProperties(String user) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("bootstrap.servers", kafkaBootstrapServers());
        if (kafkaSecure()) {
            properties.putAll(kafkaSecurity().clientProperties(user));
        }
        return properties;
    }

    String registryUrl() {
        return "http://127.0.0.1:" + port(Ports.REGISTRY);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port(Ports.POSTGRES) + "/" + database;
    }
}
