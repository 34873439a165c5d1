package com.shopflow.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The database roles of compose and Kubernetes ({@code deploy/postgres/init.sql}, run here as the container runs it)
 * on a real PostgreSQL: each service's role owns and reaches only its own database, none is privileged, and the
 * read-only role reads but never writes.
 */
class PostgresRolesTests {

    private static final Map<String, String> OWNERS = Map.of(
            "order_service", "orders",
            "payment_service", "payments",
            "inventory_service", "inventory",
            "notification_service", "notifications",
            "registry", "registry");
    private static final String READER = "shopflow_reader";

    private static PostgresServer postgres;

    @BeforeAll
    static void serverWithTheInitScript() throws Exception {
        // Its own server: the script creates databases the shared one may already have.
        postgres = PostgresServer.start(Path.of("target", "testkit", "roles"));
        try (Connection admin = DriverManager.getConnection(postgres.jdbcUrl("postgres"), PostgresServer.USERNAME,
                PostgresServer.PASSWORD); Statement statement = admin.createStatement()) {
            for (String sql : statements(repositoryFile("deploy/postgres/init.sql"))) {
                statement.execute(sql);
            }
        }
    }

    @AfterAll
    static void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    static Stream<Arguments> roleAndOtherDatabase() {
        List<Arguments> cases = new ArrayList<>();
        OWNERS.forEach((role, own) -> OWNERS.values().stream().filter(db -> !db.equals(own))
                .forEach(db -> cases.add(Arguments.of(role, db))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} cannot connect to {1}")
    @MethodSource("roleAndOtherDatabase")
    void aServiceRoleCannotConnectToAnotherServicesDatabase(String role, String database) {
        assertThatThrownBy(() -> connect(role, database).close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("permission denied for database \"" + database + "\"");
    }

    static Stream<Arguments> ownDatabases() {
        return OWNERS.entrySet().stream().map(e -> Arguments.of(e.getKey(), e.getValue()));
    }

    @ParameterizedTest(name = "{0} owns {1}")
    @MethodSource("ownDatabases")
    void aServiceRoleMigratesAndWritesItsOwnDatabase(String role, String database) throws SQLException {
        try (Connection connection = connect(role, database); Statement statement = connection.createStatement()) {
            statement.execute("create table roles_probe (id int primary key)");
            statement.execute("insert into roles_probe values (1)");
            assertThat(count(statement, "select count(*) from roles_probe")).isEqualTo(1);
        }
    }

    @Test
    void noRoleIsPrivileged() throws SQLException {
        try (Connection admin = connect(PostgresServer.USERNAME, "postgres");
             Statement statement = admin.createStatement();
             ResultSet rows = statement.executeQuery("select rolname, rolsuper, rolcreaterole, rolcreatedb, rolbypassrls"
                     + " from pg_roles where rolname in ('order_service', 'payment_service', 'inventory_service',"
                     + " 'notification_service', 'registry', 'shopflow_reader')")) {
            int roles = 0;
            while (rows.next()) {
                roles++;
                for (int column = 2; column <= 5; column++) {
                    assertThat(rows.getBoolean(column)).as(rows.getString(1) + " " + rows.getMetaData()
                            .getColumnName(column)).isFalse();
                }
            }
            assertThat(roles).isEqualTo(6);
        }
    }

    @Test
    void aRoleWithoutAGrantReachesNoServiceDatabase() throws SQLException {
        try (Connection admin = connect(PostgresServer.USERNAME, "postgres");
             Statement statement = admin.createStatement()) {
            statement.execute("create role stranger login");
        }
        for (String database : OWNERS.values()) {
            assertThatThrownBy(() -> connect("stranger", database).close())
                    .hasMessageContaining("permission denied for database \"" + database + "\"");
        }
    }

    @Test
    void theReaderReadsEveryServiceDatabaseAndWritesNone() throws SQLException {
        try (Connection owner = connect("payment_service", "payments"); Statement statement = owner.createStatement()) {
            statement.execute("create table reader_probe (id int primary key)");
            statement.execute("insert into reader_probe values (7)");
        }
        try (Connection reader = connect(READER, "payments"); Statement statement = reader.createStatement()) {
            assertThat(count(statement, "select count(*) from reader_probe")).isEqualTo(1);
            assertThatThrownBy(() -> statement.execute("insert into reader_probe values (8)"))
                    .hasMessageContaining("permission denied");
        }
        for (String database : List.of("orders", "inventory", "notifications")) {
            connect(READER, database).close();
        }
        assertThatThrownBy(() -> connect(READER, "registry").close())
                .hasMessageContaining("permission denied for database \"registry\"");
    }

    private static Connection connect(String role, String database) throws SQLException {
        // zonky's server trusts local connections: this proves authorisation, not passwords.
        return DriverManager.getConnection(postgres.jdbcUrl("postgres").replace("/postgres", "/" + database), role,
                "unused");
    }

    private static long count(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The script's statements: comments dropped, split at a semicolon that ends a line. */
    private static List<String> statements(Path script) throws IOException {
        StringBuilder sql = new StringBuilder();
        for (String line : Files.readAllLines(script)) {
            if (!line.strip().startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        return Stream.of(sql.toString().split(";\\s*\\n")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    // The checkout's file, found from wherever the build runs (the module folder or the repository root).
    private static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
