package com.shopflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The run folder's layout: {@code pids/<name>.pid}, {@code logs/<name>.log}, one data folder per component, and
 * {@code ports.properties} with the ports the running components were started on.
 */
public record RunFolder(Path root) {

    /** Creates the pid and log folders. */
    public void createLayout() {
        try {
            Files.createDirectories(root.resolve("pids"));
            Files.createDirectories(root.resolve("logs"));
        } catch (IOException e) {
            throw new StackException("Cannot create the run folder " + root + ": " + e.getMessage(), e);
        }
    }

    public Path pidFile(String component) {
        return root.resolve("pids").resolve(component + ".pid");
    }

    public Path logFile(String component) {
        return root.resolve("logs").resolve(component + ".log");
    }

    /** The component's own folder (data, configuration). */
    public Path dir(String component) {
        return root.resolve(component);
    }

    public Path portsFile() {
        return root.resolve("ports.properties");
    }

    public OptionalLong readPid(String component) {
        try {
            String text = Files.readString(pidFile(component)).trim();
            return text.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(text));
        } catch (NoSuchFileException e) {
            return OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    public void writePid(String component, long pid) {
        writeAtomically(pidFile(component), Long.toString(pid) + "\n");
    }

    public void deletePid(String component) {
        try {
            Files.deleteIfExists(pidFile(component));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ports recorded by the last {@code up}; empty when there was none. */
    public Properties readPorts() {
        Properties ports = new Properties();
        try (InputStream in = Files.newInputStream(portsFile())) {
            ports.load(in);
        } catch (NoSuchFileException e) {
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ports;
    }

    public void writePorts(Ports ports) {
        Properties properties = new Properties();
        ports.byName().forEach((name, port) -> properties.setProperty(name, Integer.toString(port)));
        try {
            Files.createDirectories(root);
            Path tmp = Files.createTempFile(root, "ports", ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                properties.store(out, "Ports of the running stack (written by ./stack up)");
            }
            Files.move(tmp, portsFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the whole run folder. */
    public void wipe() {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + root, e);
        }
    }

    static void writeAtomically(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
