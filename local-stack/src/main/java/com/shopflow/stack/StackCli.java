package com.shopflow.stack;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** {@code ./stack}: the command line over {@link LocalStack}. */
public final class StackCli {

    private static final String ORDER_JSON = "{\"customerId\":\"alice\",\"customerEmail\":\"alice@example.com\","
            + "\"currency\":\"EUR\",\"lines\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":12.50}]}";
    /** The customer of the printed example order: the token's subject must be the order's customerId. */
    private static final String DEMO_CUSTOMER = "alice";

    private final PrintStream out;

    StackCli(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new StackCli(System.out).run(List.of(args));
        } catch (StackException e) {
            System.err.println("stack: " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }

    int run(List<String> args) {
        List<String> rest = new ArrayList<>();
        Options options = Options.defaults();
        boolean detach = false;
        boolean headers = false;
        boolean monitoring = false;
        boolean secureKafka = false;
        boolean admin = false;
        Path signingKey = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--key")) {
                if (i + 1 == args.size()) {
                    throw new StackException("--key needs a file: ./stack token --key <private-key.pem> <customerId>");
                }
                signingKey = Path.of(args.get(++i));
            } else if (arg.startsWith("--key=")) {
                signingKey = Path.of(arg.substring("--key=".length()));
            } else if (arg.startsWith("--port-") && arg.contains("=")) {
                String name = arg.substring("--port-".length(), arg.indexOf('='));
                options = options.withPorts(options.ports().with(name, Ports.parse(arg, arg.substring(arg.indexOf('=') + 1))));
            } else if (arg.startsWith("--run-dir=")) {
                options = options.withRunDir(Path.of(arg.substring("--run-dir=".length())));
            } else if (arg.equals("-d") || arg.equals("--detach")) {
                detach = true;
            } else if (arg.equals("--with-monitoring")) {
                monitoring = true;
            } else if (arg.equals("--secure-kafka")) {
                secureKafka = true;
            } else if (arg.equals("--headers")) {
                headers = true;
            } else if (arg.equals("--admin")) {
                admin = true;
            } else if (arg.equals("-h") || arg.equals("--help")) {
                rest.addFirst("help");
            } else if (arg.startsWith("-")) {
                throw new StackException("Unknown option " + arg + "\n" + usage());
            } else {
                rest.add(arg);
            }
        }
        String command = rest.isEmpty() ? "help" : rest.getFirst();
        List<String> names = rest.subList(Math.min(1, rest.size()), rest.size());
        if (secureKafka && !command.equals("up")) {
            throw new StackException("--secure-kafka is an option of ./stack up only (the run folder remembers it)");
        }
        if (signingKey != null && !command.equals("token")) {
            throw new StackException("--key is an option of ./stack token only");
        }
        return switch (command) {
            case "up" -> {
                Options selected = names.isEmpty() ? options : options.withComponents(withInfrastructure(names));
                selected = secureKafka ? selected.withSecureKafka() : selected;
                yield up(monitoring ? selected.withMonitoring() : selected, detach);
            }
            case "down", "stop" -> down(options);
            case "status", "ps" -> status(options);
            case "logs" -> logs(options, names);
            case "clean" -> clean(options);
            case "topic" -> topic(options, names, headers);
            case "token" -> token(options, names, admin, signingKey);
            case "help" -> {
                out.println(usage());
                yield 0;
            }
            default -> throw new StackException("Unknown command '" + command + "'\n" + usage());
        };
    }

    private int up(Options options, boolean detach) {
        LocalStack stack = new LocalStack(options.withOut(out));
        out.println("Starting shopflow in " + options.runDir() + (detach ? "" : "  (Ctrl-C stops everything)"));
        if (!detach) {
            // Children run in their own sessions, so Ctrl-C reaches only us; this hook stops them in order.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                out.println("\nStopping shopflow...");
                stack.down();
                out.println("Stopped. Data stays in " + options.runDir() + " (./stack clean wipes it).");
            }, "stack-down"));
        }
        RunningStack running;
        try {
            running = stack.up();
        } catch (StackException e) {
            System.err.println("\nstack: " + e.getMessage());
            running = stack.attach();
            if (detach) {
                if (!running.components().isEmpty()) {
                    System.err.println("\nWhat did start keeps running: ./stack status, ./stack logs <name>, ./stack down.");
                }
                return 1;
            }
            if (!Options.INFRASTRUCTURE.stream().filter(options.components()::contains).allMatch(running::isRunning)) {
                return 1; // the shutdown hook stops what did start
            }
            System.err.println("\nThe infrastructure runs; fix the service and start it with ./stack up -d "
                    + "in another terminal. Ctrl-C stops everything.");
        }
        printReady(running, detach);
        if (detach) {
            return 0;
        }
        watch(stack);
        return 0;
    }

    /**
     * Prints a bearer token the services accept: a customer's ({@code sub} = its id) or an admin's, signed with the
     * stack's key or, with {@code --key}, another private key (docker compose's local-development key).
     */
    private int token(Options options, List<String> names, boolean admin, Path signingKey) {
        if (admin == !names.isEmpty() || names.size() > 1) {
            throw new StackException("Usage: ./stack token [--key <private-key.pem>] <customerId>   or   "
                    + "./stack token [--key <private-key.pem>] --admin");
        }
        LocalTokens tokens = signingKey != null ? LocalTokens.signedWith(signingKey)
                : LocalTokens.in(new RunFolder(options.runDir()).dir("security"));
        out.println(admin ? tokens.admin() : tokens.customer(names.getFirst()));
        return 0;
    }

    /** Naming a service brings up the infrastructure it needs, like docker compose's depends_on. */
    private static List<String> withInfrastructure(List<String> names) {
        List<String> all = new ArrayList<>(names);
        boolean service = ServiceSpec.ALL.stream().anyMatch(spec -> names.contains(spec.name()));
        if (service) {
            Options.INFRASTRUCTURE.stream().filter(name -> !all.contains(name)).forEach(all::add);
        }
        return all;
    }

    private void printReady(RunningStack running, boolean detach) {
        LocalStack stack = running.stack();
        StackContext context = stack.context();
        if (running.startupTime().isZero()) {
            out.printf("%nshopflow is partly up. Run folder: %s%n%n", stack.options().runDir());
        } else {
            out.printf("%nshopflow is ready (%.0f s). Run folder: %s%n%n", running.startupTime().toMillis() / 1000.0,
                    stack.options().runDir());
        }
        List<String[]> rows = new ArrayList<>();
        for (Component component : stack.components()) {
            if (running.isRunning(component.name())) {
                rows.addAll(component.urls(context));
            }
        }
        int width = rows.stream().mapToInt(row -> row[0].length()).max().orElse(10) + 2;
        rows.forEach(row -> out.printf("  %-" + width + "s %s%n", row[0], row[1]));
        if (running.isRunning("order-service")) {
            int port = context.port("order-service");
            out.println();
            String bearer = "-H \"Authorization: Bearer " + running.tokens().customer(DEMO_CUSTOMER) + "\"";
            out.println("Place an order (as customer " + DEMO_CUSTOMER + "; other tokens: ./stack token <customerId>, "
                    + "./stack token --admin):");
            out.println("  curl -i -X POST localhost:" + port + "/orders " + bearer
                    + " -H 'Content-Type: application/json' -d '" + ORDER_JSON + "'");
            out.println("Then follow it:  curl -s localhost:" + port + "/orders/<orderId> " + bearer
                    + "    and the events:  ./stack topic orders");
        }
        out.println();
        out.println(detach ? "Stop with ./stack down.  ./stack status, ./stack logs <name>."
                : "Logs: ./stack logs <name> (in another terminal).  Ctrl-C stops everything.");
    }

    /** Foreground mode: report processes that die, until Ctrl-C. */
    private void watch(LocalStack stack) {
        Set<String> reported = new HashSet<>();
        while (true) {
            for (Component component : stack.components()) {
                boolean expected = stack.runFolder().readPid(component.name()).isPresent();
                if (expected && stack.running(component).isEmpty() && reported.add(component.name())) {
                    out.println("\n" + component.name() + " exited; end of " + stack.runFolder().logFile(component.name())
                            + ":\n" + Logs.tail(stack.runFolder().logFile(component.name()), 15)
                            + "\n(./stack up -d in another terminal starts it again)");
                } else if (stack.running(component).isPresent()) {
                    reported.remove(component.name());
                }
            }
            try {
                Thread.sleep(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private int down(Options options) {
        new LocalStack(options.withOut(out)).down();
        out.println("Stopped. Data stays in " + options.runDir() + " (./stack clean wipes it).");
        return 0;
    }

    private int clean(Options options) {
        new LocalStack(options.withOut(out)).clean();
        out.println("Removed " + options.runDir());
        return 0;
    }

    private int status(Options options) {
        List<ComponentStatus> statuses = new LocalStack(options.withOut(null)).status();
        out.printf("%-22s %-8s %-12s %s%n", "NAME", "PID", "PORT", "STATE");
        for (ComponentStatus status : statuses) {
            boolean optionalAndOff = status.name().equals(PrometheusComponent.NAME)
                    && (status.state() == ComponentStatus.State.STOPPED || status.state() == ComponentStatus.State.NOT_BUILT);
            if (optionalAndOff) {
                continue; // only --with-monitoring runs it
            }
            out.printf("%-22s %-8s %-12s %s%n", status.name(),
                    status.pid().map(String::valueOf).orElse("-"),
                    status.ports().values().stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse(""),
                    status.state().name().toLowerCase().replace('_', ' '));
        }
        out.println("Run folder: " + options.runDir());
        return statuses.stream().anyMatch(s -> s.state() == ComponentStatus.State.EXITED
                || s.state() == ComponentStatus.State.UNHEALTHY) ? 3 : 0;
    }

    private int logs(Options options, List<String> names) {
        LocalStack stack = new LocalStack(options.withOut(null));
        if (names.isEmpty()) {
            out.println("Usage: ./stack logs <name>   (tail -f of .run/logs/<name>.log). Names:");
            stack.components().forEach(component -> out.println("  " + component.name()));
            return 2;
        }
        Path log = stack.runFolder().logFile(stack.find(names.getFirst()).name());
        if (!Files.exists(log)) {
            throw new StackException("No log yet: " + log);
        }
        return exec(List.of("tail", "-n", "200", "-F", log.toString()));
    }

    /** The stock console consumer with our formatter: each record as one JSON line, decoded through the registry. */
    private int topic(Options options, List<String> names, boolean headers) {
        if (names.isEmpty()) {
            throw new StackException("Usage: ./stack topic <name> [--headers]   e.g. ./stack topic orders");
        }
        LocalStack stack = new LocalStack(options.withOut(null));
        StackContext context = stack.context();
        for (String needed : List.of("kafka", "registry")) {
            if (!stack.component(needed).isRunning()) {
                throw new StackException(needed + " is not running; start the stack first: ./stack up -d");
            }
        }
        Path formatter = formatterJar(options).orElseThrow(() -> new StackException(
                "The topic formatter is not built (topic-formatter/target/*-all.jar); run ./mvnw -B -q install -DskipTests"));
        List<String> command = new ArrayList<>(List.of(context.java().toString(), "-Xmx256m", "--enable-native-access=ALL-UNNAMED",
                "-cp", KafkaComponent.kafkaLib(options) + "/*" + File.pathSeparator + formatter,
                "org.apache.kafka.tools.consumer.ConsoleConsumer",
                "--bootstrap-server", context.kafkaBootstrapServers(),
                "--topic", names.getFirst(),
                "--from-beginning",
                "--formatter", "com.shopflow.formatter.AvroJsonFormatter",
                "--formatter-property", "registry.url=" + context.registryUrl()));
        if (headers) {
            command.addAll(List.of("--formatter-property", "print.headers=true"));
        }
        if (context.kafkaSecure()) {
            context.kafkaSecurity().writeAdminProperties();
            command.addAll(List.of("--command-config", context.kafkaSecurity().adminProperties().toString()));
        }
        return exec(command);
    }

    static Optional<Path> formatterJar(Options options) {
        Path target = options.repoRoot().resolve("topic-formatter").resolve("target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(path -> path.getFileName().toString().endsWith("-all.jar")).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int exec(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
            return process.waitFor();
        } catch (IOException e) {
            throw new StackException("Could not run " + command.getFirst() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    static String usage() {
        return """
                Usage: ./stack <command> [options]

                  up [-d] [--with-monitoring] [--secure-kafka] [name...]
                                      start what is not running (all, or the named components), wait until healthy,
                                      print the URLs; stays in the foreground until Ctrl-C, or returns with -d;
                                      --with-monitoring also runs Prometheus (apt-get install prometheus) on the
                                      services with deploy/prometheus's scrape config and alert rules;
                                      --secure-kafka runs Kafka with SASL/SCRAM and the ACLs of
                                      deploy/kafka/acls.csv (one user per service; the admin's client settings
                                      in <run>/kafka/admin.properties); a run folder keeps its mode until clean
                  down                stop everything (data stays)
                  status              each process: pid, port, health
                  logs <name>         follow a component's log
                  topic <name> [--headers]
                                      print a topic from the beginning, one JSON line per record
                  token <customerId>  print a bearer token of that customer (12 h, signed with the stack's key)
                  token --admin       print an admin bearer token (scope shopflow.admin)
                  token --key <pem> <customerId>|--admin
                                      the same, signed with that RSA private key (PKCS#8 PEM) instead; for
                                      docker compose: --key deploy/local-dev-secrets/jwt-private-local-dev.pem
                  clean               stop everything and delete the run folder (all data)

                Options:
                  --port-<name>=<port>  e.g. --port-kafka=19092 (or SHOPFLOW_PORT_KAFKA=19092); names: %s
                  --run-dir=<path>      another run folder (or SHOPFLOW_RUN_DIR); default <repo>/.run
                """.formatted(String.join(", ", Ports.defaults().byName().keySet()));
    }
}
