package com.shopflow.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.shopflow.stack.LocalStack;
import com.shopflow.stack.Options;
import com.shopflow.stack.Ports;
import com.shopflow.stack.RunningStack;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The one stack every end-to-end test class uses: started by the first class that asks (the same code as
 * {@code ./stack up -d}, a temporary run folder, free ports), with Prometheus when it is installed, and stopped once
 * after the last class, because start-up is most of this module's time. Test classes get it as a parameter:
 * {@code @ExtendWith(SharedStack.Extension.class)} and {@code @BeforeAll static void setUp(SharedStack shared)}.
 */
final class SharedStack implements AutoCloseable {

    /**
     * The services log every record their inbox handles ({@code Handling ...}), inside the event's span, so a test
     * can see which trace a consumer handled an event in.
     */
    static final String RECORD_LOGGER = "com.shopflow.messaging.inbox.Inbox";

    private final Path runDir;
    private final RunningStack stack;
    private final boolean monitoring;

    private SharedStack() {
        try {
            runDir = Files.createTempDirectory("shopflow-e2e-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        monitoring = Options.monitoringInstalled();
        Options options = Options.defaults()
                .withRepoRoot(repoRoot())
                .withRunDir(runDir)
                .withPorts(Ports.free())
                .withRequireAll(true)
                .withStartTimeout(Duration.ofMinutes(3))
                .withServiceArgs(List.of("--logging.level." + RECORD_LOGGER + "=DEBUG"))
                // Start-up is most of this test's time: C1 and a small GC start a Spring Boot service faster.
                .withServiceJavaOpts(List.of("-Xmx384m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC"));
        if (monitoring) {
            options = options.withMonitoring();
        }
        stack = LocalStack.start(options).stopOnJvmExit();
        System.out.println("Stack up in " + stack.startupTime().toMillis() + " ms" + (monitoring ? " with Prometheus at "
                + stack.prometheusUrl() : " (no Prometheus: /usr/bin/prometheus is not installed)") + ", run folder "
                + runDir);
    }

    RunningStack stack() {
        return stack;
    }

    Path runDir() {
        return runDir;
    }

    /** Whether Prometheus runs beside the services (it does when {@code /usr/bin/prometheus} is installed). */
    boolean monitoring() {
        return monitoring;
    }

    /** The lines a component has logged so far (its console output in the run folder). */
    List<String> logLines(String component) {
        try {
            return Files.readAllLines(stack.component(component).logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the stack, keeps the processes' logs in {@code target/stack-logs}, deletes the temporary run folder. */
    @Override
    public void close() throws IOException {
        stack.close();
        Path logs = runDir.resolve("logs");
        if (Files.isDirectory(logs)) {
            Path target = Path.of("target", "stack-logs");
            Files.createDirectories(target);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path log : files.toList()) {
                    Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        try (Stream<Path> paths = Files.walk(runDir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The checkout: {@code -Dshopflow.repo} (set by the build), else the nearest parent holding {@code ./stack}. */
    static Path repoRoot() {
        String property = System.getProperty("shopflow.repo");
        if (property != null) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("stack")) && Files.isDirectory(dir.resolve("local-stack"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the shopflow checkout from " + Path.of("").toAbsolutePath());
    }

    /**
     * Hands the shared stack to test classes. It lives in the root context's store, so JUnit closes it (stops the
     * stack) once, after every class has run.
     */
    static final class Extension implements ParameterResolver {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedStack.class);

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == SharedStack.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return context.getRoot().getStore(NAMESPACE).computeIfAbsent(SharedStack.class, key -> new SharedStack(),
                    SharedStack.class);
        }
    }
}
