package com.shopflow.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Apicurio Registry: its Central distribution started as a child process of this JVM, ready when
 * {@link Builder#start()} returns. Used by the test kit (random ports, in-memory storage) and by {@code ./stack}
 * (fixed ports, file-backed storage).
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ApicurioRegistryProcess.class);

    private final Process process;
    private final String host;
    private final int httpPort;
    private final int managementPort;
    private final Path logFile;
    private final Path pidFile;
    private final Duration startupTime;
    private final Thread shutdownHook;

    private ApicurioRegistryProcess(Process process, String host, int httpPort, int managementPort, Path logFile,
            Path pidFile, Duration startupTime, boolean stopOnJvmExit) {
        this.process = process;
        this.host = host;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.pidFile = pidFile;
        this.startupTime = startupTime;
        this.shutdownHook = stopOnJvmExit ? new Thread(this::stop, "apicurio-registry-stopper") : null;
        if (shutdownHook != null) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Base URL, e.g. {@code http://127.0.0.1:8080}; the value of {@code shopflow.messaging.registry-url}. */
    public String url() {
        return "http://" + host + ":" + httpPort;
    }

    /** The core REST API v3, what the Apicurio serde's {@code apicurio.registry.url} points at. */
    public String apiUrl() {
        return url() + "/apis/registry/v3";
    }

    /** The Confluent-compatible API, for any Confluent client. */
    public String ccompatUrl() {
        return url() + "/apis/ccompat/v7";
    }

    /** Management interface (health, metrics). */
    public String managementUrl() {
        return "http://" + host + ":" + managementPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int managementPort() {
        return managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Time from launching the process until it reported ready. */
    public Duration startupTime() {
        return startupTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process (SIGTERM, then forcibly after 15 s). Safe to call more than once. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            }
            catch (IOException ignored) {
                // only a hint for the next start
            }
        }
    }

    @Override
    public void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            }
            catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /** Options of one registry process; {@link #start()} launches it and waits until it is ready. */
    public static final class Builder {

        private String host = "127.0.0.1";
        private int httpPort;
        private int managementPort;
        private Path storageDirectory;
        private Path logFile = Path.of("target", "testkit", "apicurio-registry.log");
        private Path pidFile;
        private Path distribution;
        private Path javaBinary;
        private String maxHeap = "192m";
        private boolean classDataSharing = true;
        private boolean stopOnJvmExit = true;
        private Duration startupTimeout = Duration.ofSeconds(120);
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final Map<String, String> systemProperties = new LinkedHashMap<>();

        private Builder() {
        }

        /** Interface to bind to; {@code 127.0.0.1} by default. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** API port; 0 (default) picks a free one. */
        public Builder httpPort(int httpPort) {
            this.httpPort = httpPort;
            return this;
        }

        /** Management port ({@code /health/ready}); 0 (default) picks a free one. */
        public Builder managementPort(int managementPort) {
            this.managementPort = managementPort;
            return this;
        }

        /** Keep the registry's data in a file-backed H2 database in this folder; in memory when not set. */
        public Builder storageDirectory(Path storageDirectory) {
            this.storageDirectory = storageDirectory;
            return this;
        }

        /** Where the registry's console output goes; {@code target/testkit/apicurio-registry.log} by default. */
        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        /**
         * Records the process id here; on the next start a registry left behind by a JVM that died without running
         * its shutdown hooks (kill -9) is stopped first. Not set by default.
         */
        public Builder pidFile(Path pidFile) {
            this.pidFile = pidFile;
            return this;
        }

        /** The unpacked distribution folder; {@link ApicurioDistribution#installed()} by default. */
        public Builder distribution(Path distribution) {
            this.distribution = distribution;
            return this;
        }

        /** The {@code java} to run it with (21+); the one running this JVM by default. */
        public Builder javaBinary(Path javaBinary) {
            this.javaBinary = javaBinary;
            return this;
        }

        public Builder maxHeap(String maxHeap) {
            this.maxHeap = maxHeap;
            return this;
        }

        /** Whether to keep a class-data-sharing archive next to the distribution (about a third faster start). */
        public Builder classDataSharing(boolean classDataSharing) {
            this.classDataSharing = classDataSharing;
            return this;
        }

        /** Whether a shutdown hook stops the process when this JVM exits (default true). */
        public Builder stopOnJvmExit(boolean stopOnJvmExit) {
            this.stopOnJvmExit = stopOnJvmExit;
            return this;
        }

        public Builder startupTimeout(Duration startupTimeout) {
            this.startupTimeout = startupTimeout;
            return this;
        }

        /** An environment variable for the registry, e.g. {@code APICURIO_STORAGE_SQL_KIND}. */
        public Builder environment(String name, String value) {
            environment.put(name, value);
            return this;
        }

        /** A {@code -D} option for the registry, e.g. a Quarkus or Apicurio configuration key. */
        public Builder systemProperty(String name, String value) {
            systemProperties.put(name, value);
            return this;
        }

        /** Launches the registry and blocks until {@code /health/ready} answers 200. */
        public ApicurioRegistryProcess start() {
            Path home = distribution != null ? distribution : ApicurioDistribution.installed();
            Path java = javaBinary != null ? javaBinary : currentJava();
            if (pidFile != null) {
                reapLeftover(pidFile);
            }
            boolean pickPorts = httpPort == 0 || managementPort == 0;
            int attempts = pickPorts ? 3 : 1;
            for (int attempt = 1;; attempt++) {
                int http = httpPort != 0 ? httpPort : freePort();
                int management = managementPort != 0 ? managementPort : freePort(http);
                try {
                    return launch(home, java, http, management);
                }
                catch (PortTakenException e) {
                    if (attempt >= attempts) {
                        throw new IllegalStateException(e.getMessage());
                    }
                    log.info("Registry port {} or {} was taken meanwhile, retrying with other ports", http, management);
                }
            }
        }

        private ApicurioRegistryProcess launch(Path home, Path java, int http, int management) {
            List<String> command = new ArrayList<>();
            command.add(java.toString());
            command.add("-Xmx" + maxHeap);
            command.add("-XX:+UseSerialGC");
            command.add("-XX:TieredStopAtLevel=1");
            if (classDataSharing) {
                String archive = "cds-" + Integer.toHexString(java.toAbsolutePath().toString().hashCode()) + "-"
                        + Runtime.version().feature() + ".jsa";
                command.add("-XX:+AutoCreateSharedArchive");
                command.add("-XX:SharedArchiveFile=" + home.resolve(archive));
            }
            Map<String, String> properties = new LinkedHashMap<>();
            properties.put("quarkus.http.host", host);
            properties.put("quarkus.http.port", Integer.toString(http));
            properties.put("quarkus.management.host", host);
            properties.put("quarkus.management.port", Integer.toString(management));
            // Content ids are what the Confluent API calls schema ids; the serde writes content ids.
            properties.put("apicurio.ccompat.legacy-id-mode.enabled", "false");
            properties.put("apicurio.datasource.jdbc.initial-size", "2");
            properties.put("apicurio.datasource.jdbc.min-size", "2");
            properties.putAll(systemProperties);
            properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
            command.add("-jar");
            command.add(home.resolve("quarkus-run.jar").toString());

            ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
            if (storageDirectory != null) {
                builder.environment().put("APICURIO_DATASOURCE_URL",
                        "jdbc:h2:file:" + storageDirectory.toAbsolutePath().resolve("registry"));
            }
            builder.environment().putAll(environment);
            Path log = logFile.toAbsolutePath();
            try {
                Files.createDirectories(log.getParent());
                if (storageDirectory != null) {
                    Files.createDirectories(storageDirectory);
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            builder.redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));

            long started = System.nanoTime();
            Process process;
            try {
                process = builder.start();
            }
            catch (IOException e) {
                throw new UncheckedIOException("Could not start " + String.join(" ", command), e);
            }
            ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, "0.0.0.0".equals(host) ? "127.0.0.1" : host,
                    http, management, log, pidFile, null, false);
            try {
                writePidFile(process);
                awaitReady(registry, process, log);
            }
            catch (RuntimeException | Error e) {
                registry.stop();
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            return new ApicurioRegistryProcess(process, registry.host, http, management, log, pidFile, took,
                    stopOnJvmExit);
        }

        private void awaitReady(ApicurioRegistryProcess registry, Process process, Path log) {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            HttpRequest ready = HttpRequest.newBuilder(URI.create(registry.managementUrl() + "/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            long deadline = System.nanoTime() + startupTimeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    String tail = tail(log);
                    if (tail.contains("Port already bound") || tail.contains("Address already in use")) {
                        throw new PortTakenException("Apicurio Registry could not bind its ports:\n" + tail);
                    }
                    throw new IllegalStateException("Apicurio Registry exited with code " + process.exitValue()
                            + " before it was ready; end of " + log + ":\n" + tail);
                }
                try {
                    HttpResponse<Void> response = client.send(ready, HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                }
                catch (IOException notYet) {
                    // not listening yet
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
                }
                pause();
            }
            throw new IllegalStateException("Apicurio Registry not ready within " + startupTimeout + "; end of " + log
                    + ":\n" + tail(log));
        }

        private void writePidFile(Process process) {
            if (pidFile == null) {
                return;
            }
            try {
                Files.createDirectories(pidFile.toAbsolutePath().getParent());
                Files.writeString(pidFile, process.pid() + " " + ProcessHandle.current().pid() + "\n");
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void reapLeftover(Path pidFile) {
            try {
                if (!Files.isRegularFile(pidFile)) {
                    return;
                }
                String[] pids = Files.readString(pidFile).trim().split("\\s+");
                long registryPid = Long.parseLong(pids[0]);
                long ownerPid = Long.parseLong(pids[1]);
                boolean ownerAlive = ProcessHandle.of(ownerPid).map(ProcessHandle::isAlive).orElse(false);
                Optional<ProcessHandle> leftover = ProcessHandle.of(registryPid)
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().orElse("").contains("quarkus-run.jar"));
                if (!ownerAlive && leftover.isPresent()) {
                    log.warn("Stopping Apicurio Registry pid {} left behind by a JVM that died (pid {})", registryPid,
                            ownerPid);
                    leftover.get().destroyForcibly();
                }
                Files.deleteIfExists(pidFile);
            }
            catch (IOException | RuntimeException e) {
                log.debug("Ignoring unreadable pid file {}", pidFile, e);
            }
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Apicurio Registry", e);
            }
        }

        private static Path currentJava() {
            if (Runtime.version().feature() < 21) {
                throw new IllegalStateException("Apicurio Registry needs Java 21+, this JVM is " + Runtime.version()
                        + "; run the build with a JDK 21+ or set javaBinary(...)");
            }
            return ProcessHandle.current().info().command().map(Path::of)
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java"));
        }

        private static String tail(Path log) {
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            }
            catch (IOException | UncheckedIOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    /** A port free at the moment of asking, on the loopback interface. */
    static int freePort(int... notThese) {
        for (int i = 0; i < 20; i++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = socket.getLocalPort();
                boolean excluded = false;
                for (int other : notThese) {
                    excluded |= other == port;
                }
                if (!excluded) {
                    return port;
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("No free port found");
    }

    private static final class PortTakenException extends RuntimeException {
        PortTakenException(String message) {
            super(message);
        }
    }
}
