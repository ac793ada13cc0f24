package io.tributary.source.incremental;

import io.tributary.source.table.TableSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the rows whose cursor is NULL, which polling never reads (it pages by the cursor), each
 * time a table's poller has caught up, at most once per interval (5 minutes): the count becomes the
 * table's RowsWithNullCursor metric, and a WARN names the table and the count when there are any.
 */
final class NullCursorCheck {

    static final long INTERVAL_NANOS = 5 * 60 * 1_000_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(NullCursorCheck.class);

    private final TableSource table;
    private final String cursor;
    private long countedAt;
    private boolean counted;

    NullCursorCheck(TableSource table, String cursor) {
        this.table = table;
        this.cursor = cursor;
    }

    /** Counts now if the interval has passed since the last count (or there was none). */
    void caughtUp(Connection connection) throws SQLException {
        long now = System.nanoTime();
        if (counted && now - countedAt < INTERVAL_NANOS) {
            return;
        }
        String sql = "SELECT COUNT(*) FROM " + table.dialect().qualified(table.description().id())
                + " WHERE " + table.dialect().quote(cursor) + " IS NULL";
        long rows;
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
        }
        counted = true;
        countedAt = now;
        table.metrics().rowsWithNullCursor(rows);
        if (rows > 0) {
            LOG.warn("Table {}: {} row(s) have a NULL cursor ({}) and are never polled; see docs/source.md (NULL cursors)",
                    table.name(), rows, cursor);
        }
    }
}
