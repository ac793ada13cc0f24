package io.tributary.source.plan;

import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.ColumnMapping;
import io.tributary.source.schema.TableDescription;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads where a table's incremental polling starts, in ONE statement on the database's clock: the
 * cursor's maximum, but for time cursors never later than the database's now minus the lag (read as
 * a wall clock in cursor.time.zone for cursors without a time zone and date cursors). A
 * transaction that stamped its rows (its start, with {@code DEFAULT now()}) before planning and
 * commits after their chunk was read is so still polled, as long as it was open for less than the
 * lag; and a future or {@code infinity} stamp cannot push the start into the future. Numeric cursors
 * have no time bound: their start is the maximum. An empty table starts from the beginning (null).
 *
 * <p>The same statement counts the rows whose cursor is in the future (the snapshot reads them, but
 * polling only once the clock passes their value, and never {@code infinity}) and those whose cursor
 * is NULL (never polled). Both are logged at WARN.
 */
final class StartPoint {

    private static final Logger LOG = LoggerFactory.getLogger(StartPoint.class);

    private StartPoint() {
    }

    /** The start point as an offset value of {@code cursor}, or null for an empty table. */
    static Object read(Connection connection, SourceDialect dialect, TableDescription table, String cursor, long lagMs,
            ZoneId zone) throws SQLException {
        ColumnInfo column = table.column(cursor);
        ColumnMapping mapping = dialect.mapping(column);
        String quoted = dialect.quote(cursor);
        String from = " FROM " + dialect.qualified(table.id());
        String bound = dialect.cursorUpperBound(column, lagMs, zone);
        String nulls = "(SELECT COUNT(*)" + from + " WHERE " + quoted + " IS NULL)";
        if (bound == null) {
            try (PreparedStatement ps = connection.prepareStatement("SELECT MAX(" + quoted + "), " + nulls + from);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                warnOfNulls(table, cursor, rs.getLong(2));
                return mapping.offsetValue(mapping.read(rs, 1));
            }
        }
        String sql = "SELECT CASE WHEN w.m IS NULL OR w.m < w.b THEN w.m ELSE w.b END, w.b IS NULL,"
                + " (SELECT COUNT(*)" + from + " WHERE " + quoted + " > " + dialect.cursorUpperBound(column, 0, zone) + "), "
                + nulls + " FROM (SELECT MAX(" + quoted + ") AS m, " + bound + " AS b" + from + ") w";
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Object start = mapping.offsetValue(mapping.read(rs, 1));
            warnOfNulls(table, cursor, rs.getLong(4));
            if (rs.getBoolean(2)) {
                throw new SQLException("Table " + table.id().qualified() + ": the database's now in cursor.time.zone '"
                        + zone.getId() + "' is NULL: the database does not know that zone (" + dialect.unknownZoneHint() + ")");
            }
            long future = rs.getLong(3);
            if (future > 0) {
                LOG.warn("Table {}: {} row(s) have a cursor ({}) later than the database's now; polling reads such a row"
                        + " only once the clock passes its value, and never one of 'infinity': store real times",
                        table.id().qualified(), future, cursor);
            }
            return start;
        }
    }

    private static void warnOfNulls(TableDescription table, String cursor, long rows) {
        if (rows > 0) {
            LOG.warn("Table {}: {} row(s) have a NULL cursor ({}) and are never polled; see docs/source.md (NULL cursors)",
                    table.id().qualified(), rows, cursor);
        }
    }
}
