package io.tributary.source.jdbc;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.SourceDialects;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** Opens connections to the source database from the connector's settings, through its dialect. */
public final class JdbcConnections {

    private final String url;
    private final SourceDialect dialect;
    private final Properties properties = new Properties();

    public JdbcConnections(ChunkedJdbcSourceConfig config) {
        this.url = config.connectionUrl();
        this.dialect = SourceDialects.forUrl(url);
        if (config.connectionUser() != null) {
            properties.setProperty("user", config.connectionUser());
        }
        if (config.connectionPassword() != null) {
            properties.setProperty("password", config.connectionPassword().value());
        }
    }

    /** A new connection with the session settings the type mappings rely on. */
    public Connection open() throws SQLException {
        return dialect.connect(url, properties);
    }

    /** The URL for messages: anything after '?' is cut, as it may hold a password. */
    public String describe() {
        return SourceDialects.redact(url);
    }
}
