package com.shopflow.stack;

import java.util.List;

/**
 * One of our Spring Boot services as the stack runs it: its Maven module (whose {@code target/<module>.jar} is run),
 * default port, database, and whether it sends mail.
 */
public record ServiceSpec(String name, int defaultPort, String database, boolean sendsMail) {

    /** The services, in start-up order of the printed table. Add a line here to run a new service. */
    public static final List<ServiceSpec> ALL = List.of(
            new ServiceSpec("order-service", 8081, "orders", false),
            new ServiceSpec("payment-service", 8082, "payments", false),
            new ServiceSpec("inventory-service", 8083, "inventory", false),
            new ServiceSpec("notification-service", 8084, "notifications", true));

    /** Every service database, created on the stack's PostgreSQL if missing. */
    public static List<String> databases() {
        return ALL.stream().map(ServiceSpec::database).toList();
    }
}
