package com.shopflow.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * One process of the stack, for tests and the chaos tools: its pid and ports, and {@link #stop()}, {@link #kill()}
 * (kill -9, as a crash), {@link #start()} and {@link #restart()} (both wait for the health check).
 */
public final class ComponentHandle {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final LocalStack stack;
    private final Component component;

    ComponentHandle(LocalStack stack, Component component) {
        this.stack = stack;
        this.component = component;
    }

    public String name() {
        return component.name();
    }

    /** The pid while it runs. */
    public OptionalLong pid() {
        return stack.running(component).map(p -> OptionalLong.of(p.pid())).orElse(OptionalLong.empty());
    }

    /** Its main port (the first of {@link #ports()}). */
    public int port() {
        return stack.context().port(component.portNames().getFirst());
    }

    public Map<String, Integer> ports() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        component.portNames().forEach(name -> ports.put(name, stack.context().port(name)));
        return ports;
    }

    public boolean isRunning() {
        return stack.running(component).isPresent();
    }

    public boolean isHealthy() {
        return isRunning() && component.healthy(stack.context());
    }

    public Path logFile() {
        return stack.runFolder().logFile(component.name());
    }

    /** Stops it gracefully (SIGTERM; SIGINT for PostgreSQL), killing it after its grace period. */
    public void stop() {
        stack.stop(component);
    }

    /** kill -9 of the process and its children, without any chance to clean up. */
    public void kill() {
        stack.kill(component);
    }

    /** Starts it if it is not running, on the same ports and data, and waits until it is healthy. */
    public void start() {
        stack.startOne(component, START_TIMEOUT);
    }

    public void restart() {
        stop();
        start();
    }

    @Override
    public String toString() {
        return component.name() + pid().stream().mapToObj(pid -> " (pid " + pid + ")").findFirst().orElse(" (stopped)");
    }
}
