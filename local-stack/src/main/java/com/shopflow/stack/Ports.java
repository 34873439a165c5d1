package com.shopflow.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The TCP ports of the stack by name ({@code kafka}, {@code registry}, {@code order-service}, ...): fixed defaults,
 * overridable per name through {@code --port-<name>=} or {@code SHOPFLOW_PORT_<NAME>}.
 */
public record Ports(Map<String, Integer> byName) {

    public static final String POSTGRES = "postgres";
    public static final String KAFKA = "kafka";
    public static final String KAFKA_CONTROLLER = "kafka-controller";
    public static final String REGISTRY = "registry";
    public static final String REGISTRY_MANAGEMENT = "registry-management";
    public static final String SMTP = "smtp";
    public static final String SMTP_API = "smtp-api";
    public static final String PROMETHEUS = "prometheus";

    public Ports {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    /** The fixed ports the README promises. */
    public static Ports defaults() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put(POSTGRES, 5432);
        ports.put(KAFKA, 9092);
        ports.put(KAFKA_CONTROLLER, 9093);
        ports.put(REGISTRY, 8080);
        ports.put(REGISTRY_MANAGEMENT, 9000);
        ports.put(SMTP, 3025);
        ports.put(SMTP_API, 8025);
        for (ServiceSpec service : ServiceSpec.ALL) {
            ports.put(service.name(), service.defaultPort());
        }
        ports.put(PROMETHEUS, 9090);
        return new Ports(ports);
    }

    /** Every port free right now, for tests that run beside a stack on the default ports. */
    public static Ports free() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String name : defaults().byName().keySet()) {
            int port;
            do {
                port = freePort();
            } while (ports.containsValue(port));
            ports.put(name, port);
        }
        return new Ports(ports);
    }

    /** Defaults, then {@code SHOPFLOW_PORT_<NAME>} environment variables. */
    public static Ports fromEnvironment(Map<String, String> environment) {
        Ports ports = defaults();
        for (String name : ports.byName().keySet()) {
            String value = environment.get(environmentVariable(name));
            if (value != null && !value.isBlank()) {
                ports = ports.with(name, parse(environmentVariable(name), value));
            }
        }
        return ports;
    }

    public static String environmentVariable(String name) {
        return "SHOPFLOW_PORT_" + name.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static String option(String name) {
        return "--port-" + name + "=";
    }

    public int get(String name) {
        Integer port = byName.get(name);
        if (port == null) {
            throw new IllegalArgumentException("Unknown port name '" + name + "'; known: " + byName.keySet());
        }
        return port;
    }

    public Ports with(String name, int port) {
        if (!byName.containsKey(name)) {
            throw new StackException("Unknown port name '" + name + "'; known: " + byName.keySet());
        }
        Map<String, Integer> ports = new LinkedHashMap<>(byName);
        ports.put(name, port);
        return new Ports(ports);
    }

    static int parse(String source, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(source + ": '" + value + "' is not a TCP port (1-65535)");
        }
    }

    /** True when nothing listens on the port, on any local address. */
    static boolean isFree(int port) {
        // Binding the wildcard address fails when anything listens on the port, on 127.0.0.1 or on all addresses.
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName("0.0.0.0"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
