package com.shopflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One process of the stack: how to prepare its data once, the command that runs it, its health check, and how it
 * is stopped. The orchestration (pid files, logs, ports, waiting) lives in {@link LocalStack}.
 */
abstract class Component {

    private final String name;

    Component(String name) {
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Names of the ports it listens on (see {@link Ports}); the first one is shown in {@code status}. */
    abstract List<String> portNames();

    /** Start order: every component of tier 0 is healthy before tier 1 starts; stopped in reverse. */
    int tier() {
        return 0;
    }

    /** Why it cannot be started (for example its jar is not built), or empty. */
    Optional<String> unavailable(StackContext context) {
        return Optional.empty();
    }

    /** How to get what {@link #unavailable} misses, appended to its message; empty when the message says it all. */
    String howToGet() {
        return " (./mvnw -B -q install -DskipTests builds it)";
    }

    /** Fails {@code up} before anything starts when the options do not fit the run folder's data. */
    void checkOptions(StackContext context) {
    }

    /** One-time preparation before each start (unpack, initialise storage); idempotent. */
    void prepare(StackContext context) {
    }

    abstract List<String> command(StackContext context);

    Map<String, String> environment(StackContext context) {
        return Map.of();
    }

    Path workDir(StackContext context) {
        return context.runFolder().dir(name);
    }

    abstract boolean healthy(StackContext context);

    /** Runs once after the first successful health check of a start (for example creating databases). */
    void afterHealthy(StackContext context) {
    }

    /** Whether a live process with the recorded pid really is this component of this run folder. */
    boolean owns(ProcessHandle process, StackContext context) {
        return Processes.commandLine(process).contains(context.runFolder().root().toString());
    }

    String stopSignal() {
        return "TERM";
    }

    Duration stopGrace() {
        return Duration.ofSeconds(30);
    }

    /** Lines for the table printed when the stack is ready: label and address. */
    abstract List<String[]> urls(StackContext context);

    /**
     * JVM options for a class-data-sharing archive kept in {@code dir}: the first run writes it when the JVM exits,
     * later starts load classes from it (about a third faster). A stale archive is simply rebuilt.
     */
    static List<String> classDataSharing(StackContext context, Path dir, String name) {
        String archive = name + "-cds-" + Runtime.version().feature() + "-"
                + Integer.toHexString(context.java().toString().hashCode()) + ".jsa";
        return List.of("-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + dir.resolve(archive),
                "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }

    /** A JVM command line carrying a marker of the run folder, so {@link #owns} recognises it after a pid reuse. */
    static List<String> java(StackContext context, List<String> jvmOptions, List<String> rest) {
        List<String> command = new ArrayList<>();
        command.add(context.java().toString());
        command.add("-Dshopflow.stack.run=" + context.runFolder().root());
        command.addAll(jvmOptions);
        command.addAll(rest);
        return command;
    }
}
