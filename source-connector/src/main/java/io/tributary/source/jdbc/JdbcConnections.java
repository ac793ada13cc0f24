package io.tributary.source.jdbc;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.schema.DatabaseKind;
import io.tributary.source.schema.SessionSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the source database from the connector's settings. */
public final class JdbcConnections {

    private final String url;
    private final Properties properties = new Properties();

    public JdbcConnections(ChunkedJdbcSourceConfig config) {
        this.url = config.connectionUrl();
        if (config.connectionUser() != null) {
            properties.setProperty("user", config.connectionUser());
        }
        if (config.connectionPassword() != null) {
            properties.setProperty("password", config.connectionPassword().value());
        }
        loadDrivers();
    }

    /** A new connection with the session settings the type mappings rely on. */
    public Connection open() throws SQLException {
        Connection connection = DriverManager.getConnection(url, properties);
        try {
            SessionSettings.apply(connection, DatabaseKind.fromJdbcUrl(url));
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** The URL for messages: anything after '?' is cut, as it may hold a password. */
    public String describe() {
        return SourceDialects.redact(url);
    }

    /** Connect's plugin class loader hides the drivers from DriverManager's service scan: name them. */
    private static void loadDrivers() {
        for (String driver : new String[] {"org.postgresql.Driver", "org.mariadb.jdbc.Driver"}) {
            try {
                Class.forName(driver, true, JdbcConnections.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                // not packaged: that database is not supported by this build
            }
        }
    }
}
