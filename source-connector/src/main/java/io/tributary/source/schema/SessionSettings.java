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
 *   <li>PostgreSQL: {@code SET TIME ZONE 'UTC'}. Values are read independently of it
 *       ({@code timestamptz} as an {@code OffsetDateTime}, {@code interval} through {@code PGInterval}),
 *       but pgjdbc starts the session in the worker JVM's zone, and no SQL of the connector may
 *       depend on where the worker runs: the incremental bounds name their zone (cursor.time.zone).</li>
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
        try (Statement statement = connection.createStatement()) {
            statement.execute(kind == DatabaseKind.MARIADB ? "SET time_zone = '+00:00'" : "SET TIME ZONE 'UTC'");
        }
    }
}
