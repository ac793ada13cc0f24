package io.tributary.sink;

import static io.tributary.sink.TestRecords.debezium;
import static io.tributary.sink.TestRecords.debeziumTruncate;
import static io.tributary.sink.TestRecords.ours;
import static io.tributary.sink.TestRecords.truncate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Truncates, one subclass per database: with {@code truncate.mode=apply} the table loses the versions
 * older than the truncate, in its batch and stored, and older versions arriving later stay out; newer
 * ones are written. With the default (skip) nothing changes.
 */
abstract class AbstractTruncateIT extends AbstractWarehouseIT {

    @Override
    String schema() {
        return "truncates";
    }

    @Test
    void applyEmptiesTheTableInOrderWithTheOtherVersions() throws Exception {
        try (TaskDriver sink = driver("truncate.mode", "apply")) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "c"), ours(topic(), 0, 1, 2, "b", 11, "c"));
            // in one batch: an older version, the truncate, a newer version
            sink.batch(ours(topic(), 0, 2, 3, "before", 15, "c"), truncate(topic(), 0, 3, 20), ours(topic(), 0, 4, 4, "after", 25, "c"));
            assertEquals(Map.of(4L, "after"), names());
            // later: a late version older than the truncate stays out, a newer one comes
            sink.batch(ours(topic(), 0, 5, 1, "late", 12, "u"), ours(topic(), 0, 6, 5, "new", 30, "c"));
            assertEquals(Map.of(4L, "after", 5L, "new"), names());
            assertEquals(7L, sink.committed.values().iterator().next().offset());
        }
    }

    /** Debezium's truncate arrives alone in its batch: the table is emptied though the batch has no rows. */
    @Test
    void aDebeziumTruncateAloneInItsBatchEmptiesTheTable() throws Exception {
        try (TaskDriver sink = driver("truncate.mode", "apply")) {
            sink.batch(debezium(topic(), 0, 0, 1, "a", 100, "c"), debezium(topic(), 0, 1, 2, "b", 110, "c"));
            sink.batch(debeziumTruncate(topic(), 0, 2, 120));
            assertEquals(Map.of(), names());
            sink.batch(debezium(topic(), 0, 3, 1, "late", 105, "u"), debezium(topic(), 0, 4, 3, "c", 130, "c"));
            assertEquals(Map.of(3L, "c"), names());
            assertEquals(5L, sink.committed.values().iterator().next().offset());
        }
    }

    @Test
    void skipIsTheDefaultAndKeepsTheRows() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "c"));
            sink.batch(truncate(topic(), 0, 1, 20), debeziumTruncate(topic(), 0, 2, 21));
            assertEquals(Map.of(1L, "a"), names());
            assertEquals(3L, sink.committed.values().iterator().next().offset());
        }
    }

    Map<Long, String> names() throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"id\", \"name\" FROM " + qualified())) {
            while (rs.next()) {
                assertNull(rows.put(rs.getLong(1), rs.getString(2)), "two rows with key " + rs.getLong(1));
            }
        }
        return rows;
    }
}
