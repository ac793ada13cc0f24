package io.tributary.sink;

import static io.tributary.sink.TestRecords.debezium;
import static io.tributary.sink.TestRecords.ours;
import static io.tributary.sink.TestRecords.plain;
import static io.tributary.sink.TestRecords.tombstone;
import static io.tributary.sink.TestRecords.withEmail;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.destination.DestinationWriter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The merge rules on a real warehouse, one subclass per database: one row per key, the highest
 * position wins, ties by offset, late older versions change nothing, deletes stay deleted, new
 * columns are added, append keeps every version. Drives the task directly; staging is local.
 */
abstract class AbstractMergeRulesIT extends AbstractWarehouseIT {

    static final String SCHEMA = "merge_rules";

    @Override
    String schema() {
        return SCHEMA;
    }

    @Test
    void oneRowPerKeyAndTheHighestPositionWins() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"), ours(topic(), 0, 1, 1, "b", 20, "u"),
                    ours(topic(), 0, 2, 2, "x", 5, "r"), ours(topic(), 0, 3, 1, "stale", 15, "u"));
            assertEquals(Map.of(1L, "b", 2L, "x"), names());
            assertEquals(4L, sink.committed.values().iterator().next().offset());
        }
    }

    @Test
    void anOlderVersionInALaterBatchDoesNotOverwrite() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "new", 20, "u"));
            sink.batch(ours(topic(), 0, 1, 1, "old", 10, "u"));
            assertEquals(Map.of(1L, "new"), names());
        }
        try (TaskDriver replay = driverForSameTable()) {
            replay.batch(ours(topic(), 0, 0, 1, "new", 20, "u"), ours(topic(), 0, 1, 1, "old", 10, "u"));
            assertEquals(Map.of(1L, "new"), names());
        }
    }

    @Test
    void equalPositionsAreOrderedByOffset() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "first", 7, "u"));
            sink.batch(ours(topic(), 0, 1, 1, "second", 7, "u"));
            assertEquals(Map.of(1L, "second"), names());
        }
    }

    /**
     * Rows stored without metadata (loaded by hand before the sink, or by an older version) are older
     * than any version: versions with and without a position update them, a tombstone deletes them.
     */
    @Test
    void aStoredRowWithoutMetadataIsOlderThanAnyVersion() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"));
            execute("INSERT INTO " + qualified() + " (\"id\", \"name\") VALUES (2, 'loaded'), (3, 'loaded'), (4, 'loaded')");
            sink.batch(plain(topic(), 0, 1, 2, "no position"), ours(topic(), 0, 2, 3, "with position", 5, "u"), tombstone(topic(), 0, 3, 4));
            assertEquals(Map.of(1L, "a", 2L, "no position", 3L, "with position"), names());
        }
    }

    @Test
    void hardDeletesAreNotUndoneByLateOlderVersions() throws Exception {
        try (TaskDriver sink = driver("delete.mode", "hard")) {
            sink.batch(debezium(topic(), 0, 0, 1, "a", 100, "c"), debezium(topic(), 0, 1, 2, "b", 110, "c"));
            sink.batch(debezium(topic(), 0, 2, 1, "a", 200, "d"), tombstone(topic(), 0, 3, 1));
            assertEquals(Map.of(2L, "b"), names());
            sink.batch(debezium(topic(), 0, 4, 1, "late", 150, "u"));
            assertEquals(Map.of(2L, "b"), names(), "a late, older version brought a deleted row back");
            sink.batch(debezium(topic(), 0, 5, 1, "again", 300, "c"));
            assertEquals(Map.of(1L, "again", 2L, "b"), names(), "a newer insert after the delete is a new row");
        }
    }

    @Test
    void aDeleteBeforeTheInsertArrivesStillWins() throws Exception {
        try (TaskDriver sink = driver("delete.mode", "hard")) {
            sink.batch(debezium(topic(), 0, 0, 7, "gone", 500, "d"));
            sink.batch(debezium(topic(), 0, 1, 7, "older", 400, "c"));
            assertEquals(Map.of(), names());
        }
    }

    @Test
    void softDeletesKeepTheRowWithItsDeletedAt() throws Exception {
        try (TaskDriver sink = driver("delete.mode", "soft")) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"), ours(topic(), 0, 1, 2, "b", 10, "r"));
            sink.batch(debezium(topic(), 0, 2, 1, "a", 20, "d"));
            assertEquals(Map.of(1L, "a", 2L, "b"), names());
            assertNotNull(deletedAt(1));
            assertNull(deletedAt(2));
            sink.batch(ours(topic(), 0, 3, 1, "late", 15, "u"));
            assertNotNull(deletedAt(1), "a late, older version undid a soft delete");
            sink.batch(ours(topic(), 0, 4, 1, "back", 30, "u"));
            assertNull(deletedAt(1));
            assertEquals(Map.of(1L, "back", 2L, "b"), names());
        }
    }

    @Test
    void aSoftDeleteInTheBatchOfItsInsertKeepsTheInsertedData() throws Exception {
        try (TaskDriver sink = driver("delete.mode", "soft")) {
            sink.batch(debezium(topic(), 0, 0, 3, "inserted", 10, "c"), debezium(topic(), 0, 1, 3, null, 20, "d"),
                    debezium(topic(), 0, 2, 4, "kept", 10, "c"));
            assertEquals(Map.of(3L, "inserted", 4L, "kept"), names(), "the delete carried only its key");
            assertNotNull(deletedAt(3));
            assertNull(deletedAt(4));
            sink.batch(debezium(topic(), 0, 3, 4, "updated", 30, "u"), debezium(topic(), 0, 4, 4, "updated", 40, "d"));
            assertEquals(Map.of(3L, "inserted", 4L, "updated"), names(), "the update before the delete in the batch is kept");
            assertNotNull(deletedAt(4));
        }
    }

    @Test
    void deleteModeNoneIgnoresDeletes() throws Exception {
        try (TaskDriver sink = driver("delete.mode", "none")) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"), debezium(topic(), 0, 1, 1, "a", 20, "d"), tombstone(topic(), 0, 2, 1));
            assertEquals(Map.of(1L, "a"), names());
            assertEquals(3L, sink.committed.values().iterator().next().offset());
        }
    }

    @Test
    void aNewColumnIsAddedAndOldRowsKeepNull() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"));
            sink.batch(withEmail(topic(), 0, 1, 2, "b", "b@example.com", 11));
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT \"id\", \"email\" FROM " + qualified() + " ORDER BY \"id\"")) {
                assertTrue(rows.next());
                assertNull(rows.getString(2));
                assertTrue(rows.next());
                assertEquals("b@example.com", rows.getString(2));
            }
        }
    }

    @Test
    void appendModeKeepsEveryVersionWithItsMetadata() throws Exception {
        try (TaskDriver sink = driver("write.mode", "append")) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"), ours(topic(), 0, 1, 1, "b", 20, "u"));
            sink.batch(ours(topic(), 1, 0, 1, "c", 5, "u"));
            assertEquals(3, count("SELECT COUNT(*) FROM " + qualified()));
            assertEquals(1, count("SELECT COUNT(*) FROM " + qualified() + " WHERE \"__tributary_position\" = 20 AND \"__tributary_offset\" = 1"
                    + " AND \"__tributary_partition\" = 0 AND \"__tributary_op\" = 'u' AND \"__tributary_synced_at\" IS NOT NULL"));
        }
    }

    @Test
    void appendModeReplayAddsNothing() throws Exception {
        try (TaskDriver sink = driver("write.mode", "append")) {
            sink.batch(ours(topic(), 0, 0, 1, "a", 10, "r"), ours(topic(), 0, 1, 1, "b", 20, "u"));
        }
        // a crash before the offset commit: the same records come again, in other batches
        try (TaskDriver replay = driverForSameTable("write.mode", "append")) {
            replay.batch(ours(topic(), 0, 0, 1, "a", 10, "r"));
            replay.batch(ours(topic(), 0, 1, 1, "b", 20, "u"), ours(topic(), 0, 2, 1, "c", 30, "u"));
            assertEquals(3, count("SELECT COUNT(*) FROM " + qualified()), "each Kafka record is one row, replay or not");
        }
    }

    @Test
    void valuesAreExact() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 0, 1, "tab\tnew\nline \\ quote\" é", 10, "r"));
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT \"name\", \"amount\", CAST(\"updated\" AS VARCHAR) FROM " + qualified())) {
                assertTrue(rows.next());
                assertEquals("tab\tnew\nline \\ quote\" é", rows.getString(1));
                assertEquals(new BigDecimal("12.34"), rows.getBigDecimal(2));
                assertEquals("2023-11-14 22:13:20.123456", rows.getString(3));
            }
        }
    }

    @Test
    void everyTypeRoundTripsExactly() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(TypeSamples.record(topic()), TypeSamples.nulls(topic()));
            assertEquals(1, count("SELECT COUNT(*) FROM " + qualified() + " WHERE \"id\" = 2 AND \"dec38\" IS NULL AND \"ints\" IS NULL"
                    + " AND \"tstz\" IS NULL AND \"blob\" IS NULL AND \"txt\" IS NULL"));
            Map<String, Object> actual = new java.util.LinkedHashMap<>();
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rows = s.executeQuery("SELECT * FROM " + qualified() + " WHERE \"id\" = 1")) {
                assertTrue(rows.next());
                for (String column : TypeSamples.expected().keySet()) {
                    actual.put(column, TypeSamples.read(rows, column));
                }
            }
            assertEquals(TypeSamples.expected(), actual);
        }
    }

    /**
     * A rebalance while a batch is in flight: the old owner's merge is still queued when its partitions are
     * taken away; the new owner replays from the committed offset and goes on (a delete, a newer update);
     * then the old owner's late merge runs. It must change nothing: no row back, none twice, none older.
     */
    @Test
    void aRebalanceWhileABatchIsInFlightLosesAndDuplicatesNothing() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        driver().close(); // a table of its own
        org.apache.kafka.common.TopicPartition tp = new org.apache.kafka.common.TopicPartition(topic(), 0);
        TaskDriver old = asyncDriverForSameTable(config -> blockSecondBatch(writer(config), entered, release), "delete.mode", "hard");
        try {
            old.submit(java.util.List.of(ours(topic(), 0, 0, 1, "a", 100, "r"), ours(topic(), 0, 1, 2, "b", 110, "r")));
            old.awaitCommitted(tp, 2);
            old.submit(java.util.List.of(ours(topic(), 0, 2, 1, "a2", 200, "u"), ours(topic(), 0, 3, 3, "c", 210, "c")));
            assertTrue(entered.await(30, TimeUnit.SECONDS), "the old owner's second batch is in flight");
            old.revokeAll();
            assertEquals(2L, old.committed.get(tp).offset(), "the batch in flight was not committed");

            try (TaskDriver current = driverForSameTable("delete.mode", "hard")) {
                current.batch(ours(topic(), 0, 2, 1, "a2", 200, "u"), ours(topic(), 0, 3, 3, "c", 210, "c"),
                        ours(topic(), 0, 4, 1, "a2", 300, "d"), ours(topic(), 0, 5, 2, "b3", 310, "u"));
                assertEquals(6L, current.committed.get(tp).offset());
            }
            release.countDown();
        } finally {
            release.countDown();
            old.task.stop(); // waits for the late merge
        }
        assertEquals(Map.of(2L, "b3", 3L, "c"), names(), "the late merge of the replayed batch changed nothing");
        assertEquals(2, count("SELECT COUNT(*) FROM " + qualified()));
    }

    private static DestinationWriter blockSecondBatch(DestinationWriter writer, CountDownLatch entered, CountDownLatch release) {
        return new DestinationWriter() {
            @Override
            public Outcome write(io.tributary.sink.destination.StagedBatch batch) throws Exception {
                if (batch.batch().firstRange().first() == 2) {
                    entered.countDown();
                    assertTrue(release.await(60, TimeUnit.SECONDS));
                }
                return writer.write(batch);
            }

            @Override
            public int maxConcurrentWrites() {
                return writer.maxConcurrentWrites();
            }

            @Override
            public void close() {
                writer.close();
            }
        };
    }

    Map<Long, String> names() throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"id\", \"name\" FROM " + qualified())) {
            while (rs.next()) {
                String previous = rows.put(rs.getLong(1), rs.getString(2));
                assertNull(previous, "two rows with key " + rs.getLong(1));
            }
        }
        return rows;
    }

    private Object deletedAt(long id) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"__tributary_deleted_at\" FROM " + qualified() + " WHERE \"id\" = " + id)) {
            assertTrue(rs.next(), "row " + id + " is missing");
            return rs.getObject(1);
        }
    }
}
