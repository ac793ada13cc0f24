package io.tributary.sink.destination.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens JDBC connections. A dialect takes one, so its SQL can also run on another database that
 * speaks the same protocol (tests do that for a warehouse that cannot run here).
 */
@FunctionalInterface
public interface JdbcConnector {

    Connection connect(String url, Properties properties) throws SQLException;
}
