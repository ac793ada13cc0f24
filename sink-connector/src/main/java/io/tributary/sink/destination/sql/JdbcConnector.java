package io.tributary.sink.destination.sql;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens JDBC connections; destinations take one so tests can connect elsewhere (e.g. Redshift SQL on PostgreSQL). */
@FunctionalInterface
public interface JdbcConnector {

    Connection connect(String url, Properties properties) throws SQLException;
}
