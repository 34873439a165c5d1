package com.shopflow.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** Creates and drops scratch databases on the PostgreSQL server a benchmark measures. */
final class Databases {

    private Databases() {
    }

    /** Creates {@code name} on the server of {@code baseUrl} and returns its JDBC URL. */
    static String create(String baseUrl, String user, String password, String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        return withDatabase(baseUrl, name);
    }

    static void drop(String baseUrl, String user, String password, String name) {
        try (Connection connection = DriverManager.getConnection(baseUrl, user, password);
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
        }
        catch (SQLException ignored) {
            // a scratch database left behind does no harm
        }
    }

    /** The same URL pointing at another database: {@code jdbc:postgresql://host:port/other?params}. */
    static String withDatabase(String url, String database) {
        int slash = url.indexOf('/', "jdbc:postgresql://".length());
        int query = url.indexOf('?', Math.max(slash, 0));
        String params = query >= 0 ? url.substring(query) : "";
        String prefix = slash >= 0 ? url.substring(0, slash) : url;
        return prefix + "/" + database + params;
    }
}
