package com.shopflow.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Starts, checks and stops the stack's processes in a run folder; what {@code ./stack} runs, and what end-to-end
 * tests and the chaos and benchmark tools call to get the very same stack:
 * <pre>{@code
 * try (RunningStack stack = LocalStack.start(Options.defaults().withRunDir(tmp).withPorts(Ports.free()))) {
 *     stack.component("payment-service").kill();
 * }
 * }</pre>
 * Every component is its own OS process with a pid file and a log file; a second {@link #up()} starts only what is
 * not running, so a crashed process comes back.
 */
public final class LocalStack {

    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final Options options;
    private final RunFolder runFolder;
    private final List<Component> all;
    private final Object spawnLock = new Object();
    private volatile boolean stopping;
    private volatile StackContext context;

    public LocalStack(Options options) {
        this.options = options;
        this.runFolder = new RunFolder(options.runDir());
        List<Component> components = new ArrayList<>(List.of(
                new PostgresComponent(), new KafkaComponent(), new RegistryComponent(), new MailComponent()));
        ServiceSpec.ALL.forEach(spec -> components.add(new ServiceComponent(spec)));
        components.add(new PrometheusComponent());
        this.all = List.copyOf(components);
        for (String name : options.components()) {
            find(name);
        }
        this.context = new StackContext(options, runFolder, effectivePorts(false));
    }

    /**
     * Starts what is missing of the selected components and waits until all of them are healthy. If that fails, the
     * processes this call started are stopped again (the caller gets no {@link RunningStack} to stop them with, and
     * a failed test run must not leave them behind); components that were running before stay.
     */
    public static RunningStack start(Options options) {
        LocalStack stack = new LocalStack(options);
        List<Component> runningBefore = stack.all.stream().filter(c -> stack.running(c).isPresent()).toList();
        try {
            return stack.up();
        } catch (RuntimeException e) {
            List<Component> startedNow = stack.all.stream()
                    .filter(c -> !runningBefore.contains(c) && stack.running(c).isPresent()).toList();
            List<Integer> tiers = startedNow.stream().map(Component::tier).distinct()
                    .sorted(Comparator.reverseOrder()).toList();
            for (int tier : tiers) {
                stack.parallel(startedNow.stream().filter(c -> c.tier() == tier).toList(), stack::stop);
            }
            throw e;
        }
    }

    public Options options() {
        return options;
    }

    public RunFolder runFolder() {
        return runFolder;
    }

    /** Ports of running components as recorded when they started; the requested ports for the others. */
    public Ports ports() {
        return context.ports();
    }

    StackContext context() {
        return context;
    }

    /** Starts the selected components that are not running (infrastructure first), then waits for every health check. */
    public RunningStack up() {
        Instant began = Instant.now();
        stopping = false;
        context = new StackContext(options, runFolder, effectivePorts(true));
        List<Component> selected = all.stream().filter(c -> options.components().contains(c.name())).toList();
        selected.forEach(component -> component.checkOptions(context));
        List<Component> toStart = new ArrayList<>();
        List<Component> wanted = new ArrayList<>();
        for (Component component : selected) {
            Optional<String> unavailable = component.unavailable(context);
            if (running(component).isPresent()) {
                wanted.add(component);
            } else if (unavailable.isPresent()) {
                if (options.requireAll() || component.tier() == 0) {
                    throw new StackException(component.name() + ": " + unavailable.get() + component.howToGet());
                }
                print("  %-22s skipped: %s", component.name(), unavailable.get());
            } else {
                toStart.add(component);
                wanted.add(component);
            }
        }
        checkPorts(toStart);
        runFolder.createLayout();
        runFolder.writePorts(context.ports());
        for (int tier : wanted.stream().map(Component::tier).distinct().sorted().toList()) {
            List<Component> inTier = wanted.stream().filter(c -> c.tier() == tier).toList();
            startAndAwait(inTier, toStart, began.plus(options.startTimeout()));
        }
        return new RunningStack(this, wanted.stream().map(c -> c.name()).toList(), Duration.between(began, Instant.now()));
    }

    /** The selected components that are running now, without starting anything. */
    public RunningStack attach() {
        context = new StackContext(options, runFolder, effectivePorts(false));
        List<String> names = all.stream().filter(c -> options.components().contains(c.name()))
                .filter(c -> running(c).isPresent()).map(Component::name).toList();
        return new RunningStack(this, names, Duration.ZERO);
    }

    /** Stops every component of the run folder, services first; pid files are removed. */
    public void down() {
        synchronized (spawnLock) {
            stopping = true;
        }
        List<Integer> tiers = all.stream().map(Component::tier).distinct().sorted(Comparator.reverseOrder()).toList();
        for (int tier : tiers) {
            List<Component> inTier = all.stream().filter(c -> c.tier() == tier).toList();
            parallel(inTier, this::stop);
        }
    }

    /** Stops everything, then deletes the run folder with all data. */
    public void clean() {
        down();
        runFolder.wipe();
    }

    /** Each component with its pid, ports and health. */
    public List<ComponentStatus> status() {
        List<ComponentStatus> statuses = new ArrayList<>();
        List<Future<ComponentStatus>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Component component : all) {
                futures.add(executor.submit(() -> status(component)));
            }
            for (Future<ComponentStatus> future : futures) {
                statuses.add(future.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new StackException("status failed: " + e.getCause(), e.getCause());
        }
        return statuses;
    }

    /** A handle on one component, whether it runs or not. */
    public ComponentHandle component(String name) {
        return new ComponentHandle(this, find(name));
    }

    // --- one component -------------------------------------------------------------------------------------------

    Optional<ProcessHandle> running(Component component) {
        OptionalLong pid = runFolder.readPid(component.name());
        if (pid.isEmpty()) {
            return Optional.empty();
        }
        return Processes.alive(pid.getAsLong()).filter(process -> component.owns(process, context));
    }

    ComponentStatus status(Component component) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        component.portNames().forEach(name -> ports.put(name, context.port(name)));
        Optional<ProcessHandle> process = running(component);
        ComponentStatus.State state;
        if (process.isPresent()) {
            state = component.healthy(context) ? ComponentStatus.State.HEALTHY : ComponentStatus.State.UNHEALTHY;
        } else if (component.unavailable(context).isPresent()) {
            state = ComponentStatus.State.NOT_BUILT;
        } else if (runFolder.readPid(component.name()).isPresent()) {
            state = ComponentStatus.State.EXITED;
        } else {
            state = ComponentStatus.State.STOPPED;
        }
        return new ComponentStatus(component.name(), process.map(ProcessHandle::pid), ports, state,
                runFolder.logFile(component.name()));
    }

    /** Starts one component if it is not running and waits for its health check. */
    void startOne(Component component, Duration timeout) {
        stopping = false;
        if (running(component).isEmpty()) {
            component.unavailable(context).ifPresent(reason -> {
                throw new StackException(component.name() + ": " + reason);
            });
            checkPorts(List.of(component));
            runFolder.createLayout();
            startAndAwait(List.of(component), List.of(component), Instant.now().plus(timeout));
        } else {
            startAndAwait(List.of(component), List.of(), Instant.now().plus(timeout));
        }
    }

    void stop(Component component) {
        Optional<ProcessHandle> process = running(component);
        if (process.isPresent()) {
            Instant began = Instant.now();
            boolean graceful = Processes.stop(process.get(), component.stopSignal(), component.stopGrace());
            print("  %-22s stopped%s in %s", component.name(), graceful ? "" : " (killed after the grace period)",
                    Processes.elapsed(began));
        }
        runFolder.deletePid(component.name());
    }

    /** kill -9 of the process and its children, as a crash would; the pid file stays, so status says EXITED. */
    void kill(Component component) {
        running(component).ifPresent(process -> {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            Processes.awaitExit(process, Duration.ofSeconds(10));
            children.forEach(child -> Processes.awaitExit(child, Duration.ofSeconds(10)));
        });
    }

    Component find(String name) {
        return all.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new StackException("Unknown component '" + name + "'; known: "
                        + all.stream().map(Component::name).collect(Collectors.joining(", "))));
    }

    List<Component> components() {
        return all;
    }

    // --- internals -----------------------------------------------------------------------------------------------

    private void startAndAwait(List<Component> components, List<Component> toStart, Instant deadline) {
        List<String> failures = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Component component : components) {
                boolean start = toStart.contains(component);
                futures.add(executor.submit(() -> {
                    try {
                        bringUp(component, start, deadline);
                    } catch (StackException e) {
                        synchronized (failures) {
                            failures.add(e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while starting the stack", e);
        } catch (ExecutionException e) {
            throw new StackException("Start failed: " + e.getCause(), e.getCause());
        }
        if (!failures.isEmpty()) {
            throw new StackException(String.join("\n", failures));
        }
    }

    private void bringUp(Component component, boolean start, Instant deadline) {
        Instant began = Instant.now();
        ProcessHandle process;
        if (start) {
            component.prepare(context);
            process = spawn(component);
        } else {
            process = running(component).orElseThrow(() -> new StackException(component.name() + " is not running"));
        }
        while (!component.healthy(context)) {
            if (!process.isAlive()) {
                throw new StackException(component.name() + " exited before it was healthy; end of "
                        + runFolder.logFile(component.name()) + ":\n" + Logs.tail(runFolder.logFile(component.name()), 25));
            }
            if (stopping) {
                throw new StackException(component.name() + ": start cancelled");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(component.name() + " (pid " + process.pid() + ") was not healthy within "
                        + options.startTimeout().toSeconds() + " s; see " + runFolder.logFile(component.name()) + ":\n"
                        + Logs.tail(runFolder.logFile(component.name()), 15));
            }
            pause(Duration.ofMillis(200));
        }
        component.afterHealthy(context);
        print("  %-22s %s (pid %d)%s", component.name(), start ? "ready" : "already running", process.pid(),
                start ? " in " + Processes.elapsed(began) : "");
    }

    private ProcessHandle spawn(Component component) {
        List<String> command = component.command(context);
        var log = runFolder.logFile(component.name());
        synchronized (spawnLock) {
            if (stopping) {
                throw new StackException(component.name() + ": start cancelled");
            }
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, "\n===== " + LocalDateTime.now().format(LOG_TIME) + " ./stack starts "
                        + component.name() + ": " + String.join(" ", command) + "\n",
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                Process process = Processes.startDetached(command, component.workDir(context),
                        component.environment(context), log);
                runFolder.writePid(component.name(), process.pid());
                print("  %-22s starting (pid %d), log: %s", component.name(), process.pid(), log);
                return process.toHandle();
            } catch (IOException e) {
                throw new StackException("Could not start " + component.name() + ": " + e.getMessage(), e);
            }
        }
    }

    private Ports effectivePorts(boolean tell) {
        Ports ports = options.ports();
        Properties recorded = runFolder.readPorts();
        StackContext recordedContext = new StackContext(options, runFolder, withRecorded(ports, recorded));
        for (Component component : all) {
            OptionalLong pid = runFolder.readPid(component.name());
            boolean alive = pid.isPresent() && Processes.alive(pid.getAsLong())
                    .filter(p -> component.owns(p, recordedContext)).isPresent();
            if (!alive) {
                continue;
            }
            for (String name : component.portNames()) {
                String value = recorded.getProperty(name);
                if (tell && value != null && Integer.parseInt(value) != ports.get(name)) {
                    print("  note: %s is running on port %s (not %d) until it is stopped", component.name(), value,
                            ports.get(name));
                }
                if (value != null) {
                    ports = ports.with(name, Integer.parseInt(value));
                }
            }
        }
        return ports;
    }

    private static Ports withRecorded(Ports ports, Properties recorded) {
        for (String name : recorded.stringPropertyNames()) {
            if (ports.byName().containsKey(name)) {
                ports = ports.with(name, Ports.parse(name, recorded.getProperty(name)));
            }
        }
        return ports;
    }

    /** Fails before anything starts if a port is taken, naming the port, its owner if known, and how to move it. */
    private void checkPorts(List<Component> toStart) {
        Map<Integer, String> seen = new LinkedHashMap<>();
        context.ports().byName().forEach((name, port) -> {
            String other = seen.putIfAbsent(port, name);
            if (other != null) {
                throw new StackException("Port " + port + " is configured twice: for " + other + " and for " + name);
            }
        });
        List<String> problems = new ArrayList<>();
        for (Component component : toStart) {
            for (String name : component.portNames()) {
                int port = context.port(name);
                if (!Ports.isFree(port)) {
                    problems.add("Port " + port + " (" + name + ") is already in use" + PortOwner.describe(port)
                            + ".\n    Stop that program, or use another port: ./stack up " + Ports.option(name)
                            + "<port>  (or " + Ports.environmentVariable(name) + "=<port>)");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new StackException(String.join("\n", problems));
        }
    }

    private void parallel(List<Component> components, Consumer<Component> action) {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            components.forEach(component -> executor.submit(() -> action.accept(component)));
        }
    }

    void print(String format, Object... args) {
        PrintStream out = options.out();
        if (out != null) {
            out.println(String.format(format, args));
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted", e);
        }
    }
}
