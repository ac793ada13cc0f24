package io.tributary.source.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Session settings the mappings rely on; call {@link #apply} on every connection that reads rows or
 * binds offsets, before the first query.
 *
 * <ul>
 *   <li>MariaDB / MySQL: {@code SET time_zone = '+00:00'}. A {@code timestamp} column is stored in
 *       UTC but shown in the session time zone; read in UTC its wall clock <em>is</em> the UTC instant,
 *       with no DST gaps or repeated hours. (The driver URL options
 *       {@code connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true} have the same effect.)</li>
 *   <li>PostgreSQL: nothing. {@code timestamptz} is read as an {@code OffsetDateTime} and
 *       {@code interval} through {@code PGInterval}, both independent of {@code TimeZone},
 *       {@code DateStyle} and {@code IntervalStyle}.</li>
 * </ul>
 */
public final class SessionSettings {

    private SessionSettings() {
    }

    /**
     * @param connection an open connection
     * @param kind its database family
     * @throws SQLException if a setting cannot be applied
     */
    public static void apply(Connection connection, DatabaseKind kind) throws SQLException {
        if (kind == DatabaseKind.MARIADB) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET time_zone = '+00:00'");
            }
        }
    }
}
