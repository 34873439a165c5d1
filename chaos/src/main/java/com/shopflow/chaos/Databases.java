package com.shopflow.chaos;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import com.shopflow.stack.RunningStack;

/** Plain JDBC reads of the services' databases (one short connection per read: the server may have restarted). */
public final class Databases {

    public static final List<String> ALL = List.of("orders", "payments", "inventory", "notifications");

    private final RunningStack stack;

    public Databases(RunningStack stack) {
        this.stack = stack;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(database), stack.databaseUser(), stack.databasePassword());
    }

    /** Every row of a query, each as its columns' values. */
    public List<Object[]> query(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            int columns = rows.getMetaData().getColumnCount();
            List<Object[]> result = new ArrayList<>();
            while (rows.next()) {
                Object[] row = new Object[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rows.getObject(i + 1);
                }
                result.add(row);
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException("Query on " + database + " failed: " + e.getMessage() + " [" + sql + "]", e);
        }
    }

    public long count(String database, String sql) {
        return ((Number) query(database, sql).getFirst()[0]).longValue();
    }

    /** Executes an update (the tests use it to break an invariant on purpose). */
    public int update(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            return statement.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Update on " + database + " failed: " + e.getMessage(), e);
        }
    }
}
