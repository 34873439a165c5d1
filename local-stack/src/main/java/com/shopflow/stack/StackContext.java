package com.shopflow.stack;

import java.nio.file.Path;

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

    String registryUrl() {
        return "http://127.0.0.1:" + port(Ports.REGISTRY);
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port(Ports.POSTGRES) + "/" + database;
    }
}
