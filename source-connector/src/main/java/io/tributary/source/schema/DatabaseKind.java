package io.tributary.source.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The source database families whose column types this package maps. */
public enum DatabaseKind {
    /** PostgreSQL through pgjdbc ({@code jdbc:postgresql:}). */
    POSTGRES,
    /** MariaDB or MySQL through the MariaDB driver ({@code jdbc:mariadb:} or {@code jdbc:mysql:}). */
    MARIADB;

    /**
     * @param jdbcUrl a JDBC URL
     * @return the database family of the URL
     * @throws IllegalArgumentException for another scheme (the message shows only the scheme, never credentials)
     */
    public static DatabaseKind fromJdbcUrl(String jdbcUrl) {
        String url = jdbcUrl == null ? "" : jdbcUrl.trim().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRES;
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return MARIADB;
        }
        int schemeEnd = url.indexOf(':', "jdbc:".length());
        String scheme = url.startsWith("jdbc:") && schemeEnd > 0 ? url.substring(0, schemeEnd + 1) : "(not a jdbc: URL)";
        throw new IllegalArgumentException("Unsupported JDBC URL " + scheme
                + " expected jdbc:postgresql:, jdbc:mariadb: or jdbc:mysql:");
    }

    /**
     * @param connection an open connection
     * @return the database family of its URL
     * @throws SQLException if the driver cannot tell its URL
     */
    public static DatabaseKind of(Connection connection) throws SQLException {
        return fromJdbcUrl(connection.getMetaData().getURL());
    }
}
