package com.shopflow.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starting detached OS processes, signalling them and waiting for them to end. */
final class Processes {

    private static final boolean SETSID = Files.isExecutable(Path.of("/usr/bin/setsid"))
            || Files.isExecutable(Path.of("/bin/setsid"));

    private Processes() {
    }

    /**
     * Starts the command in its own session, so Ctrl-C in the terminal reaches only the launcher (which then stops
     * the children in order) and the process outlives a launcher that returns ({@code up -d}). Output is appended to
     * the log file.
     */
    static Process startDetached(List<String> command, Path workDir, Map<String, String> environment, Path log)
            throws IOException {
        List<String> full = new ArrayList<>();
        if (SETSID) {
            full.add("setsid");
        }
        full.addAll(command);
        Files.createDirectories(log.getParent());
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Runs a command to completion (a preparation step), appending its output to the log. */
    static void run(List<String> command, Path workDir, Path log, Duration timeout) {
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(workDir);
            Process process = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new StackException(String.join(" ", command) + " did not finish within " + timeout.toSeconds()
                        + " s; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new StackException(String.join(" ", command) + " failed with exit code " + process.exitValue()
                        + "; see " + log + ":\n" + Logs.tail(log, 15));
            }
        } catch (IOException e) {
            throw new StackException("Could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while running " + command.getFirst(), e);
        }
    }

    static Optional<ProcessHandle> alive(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    static String commandLine(ProcessHandle process) {
        return process.info().commandLine().orElse("");
    }

    /** Sends a named signal (TERM, INT, KILL); false if the process was already gone. */
    static boolean signal(long pid, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends the signal, waits up to the grace period, then kills. Returns whether it ended gracefully. */
    static boolean stop(ProcessHandle process, String signal, Duration grace) {
        if (!process.isAlive()) {
            return true;
        }
        signal(process.pid(), signal);
        if (awaitExit(process, grace)) {
            return true;
        }
        process.destroyForcibly();
        awaitExit(process, Duration.ofSeconds(10));
        return false;
    }

    static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    static String elapsed(Instant since) {
        Duration duration = Duration.between(since, Instant.now());
        return String.format("%.1f s", duration.toMillis() / 1000.0);
    }
}
