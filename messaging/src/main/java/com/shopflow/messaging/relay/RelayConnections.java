package com.shopflow.messaging.relay;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * Opens the relay's own database connection. It is held for as long as the relay is active (it owns the advisory
 * lock and the LISTEN), so it should not come from the service's pool.
 */
@FunctionalInterface
public interface RelayConnections {

    /** A new connection to the service's database. */
    Connection open() throws SQLException;

    /** Connections straight from the PostgreSQL driver, outside any pool. */
    static RelayConnections fromDriver(String jdbcUrl, String username, String password) {
        return () -> DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Connections borrowed from {@code dataSource} (one stays borrowed while the relay runs). */
    static RelayConnections from(DataSource dataSource) {
        return dataSource::getConnection;
    }
}
