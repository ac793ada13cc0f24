package io.tributary.sink;

import static io.tributary.sink.GenerationRecords.end;
import static io.tributary.sink.GenerationRecords.keyMark;
import static io.tributary.sink.GenerationRecords.row;
import static io.tributary.sink.TestRecords.ours;
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
 * Re-snapshots (generations) and stale rows, one subclass per database: the generation column, the ends
 * of generations kept in the warehouse, the stale delete of {@code stale.rows=delete}, key marks.
 */
abstract class AbstractStaleRowsIT extends AbstractWarehouseIT {

    static final String GENERATION = "__tributary_generation";

    @Override
    String schema() {
        return "stale_rows";
    }

    /** Each row holds the greatest generation of its versions; a table made before the column gets it. */
    @Test
    void theGenerationColumnHoldsTheGreatestGenerationOfTheRowsVersions() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(row(topic(), 0, 0, 1, "a", 10, "r", 100), ours(topic(), 0, 1, 2, "b", 11, "u"));
            assertEquals(Map.of(1L, "a@100", 2L, "b@-"), rows(), "a record without the header writes NULL");
            execute("ALTER TABLE " + qualified() + " DROP COLUMN \"" + GENERATION + "\"");
            sink.batch(row(topic(), 0, 2, 3, "c", 12, "r", 200), row(topic(), 0, 3, 1, "a2", 13, "u", 200));
            assertEquals(Map.of(1L, "a2@200", 2L, "b@-", 3L, "c@200"), rows(), "the column is added back by the next batch");
            // a newer version of an older generation keeps the row's; an older version of a newer generation raises it
            sink.batch(row(topic(), 0, 4, 1, "a3", 14, "u", 150), row(topic(), 0, 5, 3, "old", 5, "u", 300));
            assertEquals(Map.of(1L, "a3@200", 2L, "b@-", 3L, "c@300"), rows());
            // in one batch: the greatest generation of the key's versions
            sink.batch(row(topic(), 0, 6, 2, "b2", 20, "u", 400), row(topic(), 0, 7, 2, "b3", 21, "u", 350));
            assertEquals(Map.of(1L, "a3@200", 2L, "b3@400", 3L, "c@300"), rows());
            assertEquals(8L, sink.committed.values().iterator().next().offset());
        }
    }

    /**
     * Generation 200 (start point 50) of a topic of 3 partitions, on two tasks: the rows it did not read, not newer than its
     * start, of an older generation, go when the last partition's end arrives; a marker merged again deletes nothing more; a
     * late older record of a deleted key stays out.
     */
    @Test
    void hardDeletesTheRowsTheGenerationDidNotSeeOnceEveryPartitionEnded() throws Exception {
        staleRowsOnTwoTasks("hard");
        // a late older version of a stale-deleted key does not bring it back (the tombstone holds the row's own version)
        try (TaskDriver late = driverForSameTable("stale.rows", "delete")) {
            late.batch(row(topic(), 2, 4, 2, "b-late", 9, "u", 100));
            assertEquals(Map.of(1L, "a@200", 3L, "c2@100", 5L, "e2@300", 7L, "g@200", 8L, "h@100"), rows());
            assertEquals(1, count("SELECT COUNT(*) FROM \"" + schema() + "\".\"" + table() + "__tributary_deleted\" WHERE \"id\" = 2"
                    + " AND \"__tributary_position\" = 11"), "the tombstone keeps the row's version");
        }
    }

    /** The same with soft deletes: the stale rows stay, deleted. */
    @Test
    void softDeletesTheRowsTheGenerationDidNotSee() throws Exception {
        staleRowsOnTwoTasks("soft");
        assertEquals(Map.of(2L, "b@100", 4L, "d@100", 6L, "f@100"), deletedRows(), "stale rows are kept, deleted");
    }

    /**
     * Initial rows 1..6 of generation 100 (partition = id % 3; task one has partitions 0 and 1, task two partition 2), then
     * generation 200 with start point 50: it reads 1, row 3 is updated after it began (position 60), row 5 is written by
     * generation 300, row 7 inserted under 200; 2, 4 and 6 are not seen. Its ends come in three batches of two tasks.
     */
    private void staleRowsOnTwoTasks(String deleteMode) throws Exception {
        boolean soft = "soft".equals(deleteMode);
        try (TaskDriver one = driver("stale.rows", "delete", "delete.mode", deleteMode);
                TaskDriver two = driverForSameTable("stale.rows", "delete", "delete.mode", deleteMode)) {
            one.batch(row(topic(), 1, 0, 1, "a", 10, "r", 100), row(topic(), 0, 0, 3, "c", 12, "r", 100),
                    row(topic(), 1, 1, 4, "d", 13, "r", 100), row(topic(), 0, 1, 6, "f", 15, "r", 100));
            two.batch(row(topic(), 2, 0, 2, "b", 11, "r", 100), row(topic(), 2, 1, 5, "e", 14, "r", 100));
            Map<Long, String> initial = Map.of(1L, "a@100", 2L, "b@100", 3L, "c@100", 4L, "d@100", 5L, "e@100", 6L, "f@100");
            assertEquals(initial, rows(soft));

            one.batch(row(topic(), 1, 2, 1, "a", 10, "r", 200), row(topic(), 0, 2, 3, "c2", 60, "u", 100), end(topic(), 0, 3, 200, 50L, 3, "full"));
            two.batch(row(topic(), 2, 2, 5, "e2", 20, "r", 300), end(topic(), 2, 3, 200, 50L, 3, "full"));
            assertEquals(Map.of(1L, "a@200", 2L, "b@100", 3L, "c2@100", 4L, "d@100", 5L, "e2@300", 6L, "f@100"), rows(soft),
                    "two partitions of three ended: nothing is deleted");
            // the last end, in the batch of a row written after the generation began
            one.batch(row(topic(), 1, 3, 7, "g", 70, "u", 200), end(topic(), 1, 4, 200, 50L, 3, "full"));
            Map<Long, String> after = Map.of(1L, "a@200", 3L, "c2@100", 5L, "e2@300", 7L, "g@200");
            assertEquals(after, rows(soft), "rows of the generation, newer than its start, of a newer generation stay");
            assertEquals(5L, one.committed.get(new org.apache.kafka.common.TopicPartition(topic(), 1)).offset());
        }
        // a row the generation would call stale, then its last end merged again (a replay): nothing more is deleted
        try (TaskDriver replay = driverForSameTable("stale.rows", "delete", "delete.mode", deleteMode)) {
            replay.batch(row(topic(), 0, 4, 8, "h", 5, "u", 100));
            replay.batch(row(topic(), 1, 3, 7, "g", 70, "u", 200), end(topic(), 1, 4, 200, 50L, 3, "full"));
            assertEquals(Map.of(1L, "a@200", 3L, "c2@100", 5L, "e2@300", 7L, "g@200", 8L, "h@100"), rows(soft));
        }
        assertEquals(1, count("SELECT COUNT(*) FROM " + generations() + " WHERE \"kafka_partition\" IS NULL AND \"generation\" = 200"
                + " AND \"rows_deleted\" = 3 AND \"stale_rows\" = 'delete'"), "generation 200 is completed once, 3 rows deleted");
        assertEquals(3, count("SELECT COUNT(*) FROM " + generations() + " WHERE \"kafka_partition\" IS NOT NULL"));
    }

    /**
     * A keys-only refresh: a key mark sets only the generation of a stored row (values and version untouched), never inserts,
     * never hides a data record of its key in the batch; the end of the refresh deletes the rows it did not mark.
     */
    @Test
    void keyMarksSetTheGenerationOfStoredRowsOnly() throws Exception {
        try (TaskDriver sink = driver("stale.rows", "delete")) {
            sink.batch(row(topic(), 0, 0, 1, "a", 10, "r", 100), row(topic(), 0, 1, 2, "b", 11, "r", 100),
                    row(topic(), 0, 2, 3, "c", 12, "r", 100), row(topic(), 0, 3, 4, "d", 13, "r", 100));
            sink.batch(keyMark(topic(), 0, 4, 1, 200), keyMark(topic(), 0, 5, 9, 200),
                    // a data record and a mark of one key, either way round: the data is written, with the greater generation
                    row(topic(), 0, 6, 2, "b2", 14, "u", 100), keyMark(topic(), 0, 7, 2, 200),
                    keyMark(topic(), 0, 8, 4, 200), row(topic(), 0, 9, 4, "d2", 15, "u", 100));
            assertEquals(Map.of(1L, "a@200", 2L, "b2@200", 3L, "c@100", 4L, "d2@200"), rows(), "key 9 is not inserted");
            assertEquals(10, count("SELECT \"__tributary_position\" FROM " + qualified() + " WHERE \"id\" = 1"), "the mark left the version");
            assertEquals(1, count("SELECT COUNT(*) FROM " + qualified() + " WHERE \"id\" = 1 AND \"amount\" = 12.34 AND \"__tributary_op\" = 'r'"),
                    "the mark left the values");
            sink.batch(keyMark(topic(), 0, 10, 1, 150), end(topic(), 0, 11, 200, 50L, 1, "keys"));
            assertEquals(Map.of(1L, "a@200", 2L, "b2@200", 4L, "d2@200"), rows(), "the row the refresh did not mark is gone; an older mark lowers nothing");
            // a mark of a deleted key does not bring it back
            sink.batch(row(topic(), 0, 12, 4, "d2", 16, "d", 200), keyMark(topic(), 0, 13, 4, 300));
            sink.batch(keyMark(topic(), 0, 14, 4, 300));
            assertEquals(Map.of(1L, "a@200", 2L, "b2@200"), rows());
        }
    }

    /** With soft deletes a key mark does not mark a deleted row, and never undeletes it. */
    @Test
    void aKeyMarkLeavesASoftDeletedRowAlone() throws Exception {
        try (TaskDriver sink = driver("stale.rows", "delete", "delete.mode", "soft")) {
            sink.batch(row(topic(), 0, 0, 1, "a", 10, "r", 100), row(topic(), 0, 1, 2, "b", 11, "r", 100));
            sink.batch(row(topic(), 0, 2, 1, "a", 12, "d", 100));
            sink.batch(keyMark(topic(), 0, 3, 1, 200), keyMark(topic(), 0, 4, 2, 200));
            assertEquals(Map.of(2L, "b@200"), rows(true));
            assertEquals(Map.of(1L, "a@100"), deletedRows(), "the deleted row keeps its generation and stays deleted");
        }
    }

    /** A generation without a start point (a table without a cursor) deletes every row it did not see, whatever its position. */
    @Test
    void aGenerationWithoutAStartPointDeletesEveryRowItDidNotSee() throws Exception {
        try (TaskDriver sink = driver("stale.rows", "delete")) {
            sink.batch(row(topic(), 0, 0, 1, "a", 10, "r", 100), row(topic(), 0, 1, 2, "b", 500, "u", 100),
                    row(topic(), 0, 2, 1, "a", 10, "r", 200), end(topic(), 0, 3, 200, null, 1, "full"));
            assertEquals(Map.of(1L, "a@200"), rows());
        }
    }

    /**
     * Hard deletes need the tombstone table: a generation whose last end comes alone, before the table has one (it was
     * written with soft deletes), waits, and the table's next batch with rows completes it.
     */
    @Test
    void aGenerationCompleteBeforeTheTombstoneTableExistsIsCompletedByTheNextBatch() throws Exception {
        try (TaskDriver soft = driver("delete.mode", "soft")) {
            soft.batch(row(topic(), 0, 0, 1, "a", 10, "r", 100), row(topic(), 0, 1, 2, "b", 11, "r", 100), row(topic(), 0, 2, 1, "a", 10, "r", 200));
        }
        try (TaskDriver hard = driverForSameTable("stale.rows", "delete")) {
            hard.batch(end(topic(), 0, 3, 200, 50L, 1, "full"));
            assertEquals(Map.of(1L, "a@200", 2L, "b@100"), rows(), "no tombstone table yet: the stale delete waits");
            assertEquals(4L, hard.committed.values().iterator().next().offset(), "the end is recorded and committed");
            hard.batch(row(topic(), 0, 4, 3, "c", 60, "u", 200));
            assertEquals(Map.of(1L, "a@200", 3L, "c@200"), rows(), "the next batch with rows completes the generation");
            assertEquals(1, count("SELECT COUNT(*) FROM \"" + schema() + "\".\"" + table() + "__tributary_deleted\" WHERE \"id\" = 2"));
        }
    }

    /** With the default (keep) the ends are recorded and the generation completed, and no row is deleted. */
    @Test
    void keepRecordsTheEndsAndDeletesNothing() throws Exception {
        try (TaskDriver sink = driver()) {
            sink.batch(row(topic(), 0, 0, 1, "a", 10, "r", 100), row(topic(), 0, 1, 2, "b", 11, "r", 100));
            sink.batch(row(topic(), 0, 2, 1, "a", 10, "r", 200), end(topic(), 0, 3, 200, 50L, 1, "full"));
            assertEquals(Map.of(1L, "a@200", 2L, "b@100"), rows());
            assertEquals(1, count("SELECT COUNT(*) FROM " + generations() + " WHERE \"generation\" = 200 AND \"kafka_partition\" = 0"
                    + " AND \"generation_start\" = 50 AND \"partitions\" = 1 AND \"mode\" = 'full'"));
            assertEquals(1, count("SELECT COUNT(*) FROM " + generations() + " WHERE \"generation\" = 200 AND \"kafka_partition\" IS NULL"
                    + " AND \"stale_rows\" = 'keep' AND \"rows_deleted\" IS NULL"));
            assertEquals(4L, sink.committed.values().iterator().next().offset());
        }
    }

    /** id to {@code name@generation} ({@code -} for NULL) of the live rows (soft-deleted ones left out). */
    Map<Long, String> rows() throws SQLException {
        return rows(false);
    }

    /** The generations table of the last {@link #driver}'s table, quoted. */
    String generations() {
        return "\"" + schema() + "\".\"" + table() + "__tributary_generations\"";
    }

    /** id to {@code name@generation} of the rows whose deleted-at is set. */
    Map<Long, String> deletedRows() throws SQLException {
        return select(" WHERE \"__tributary_deleted_at\" IS NOT NULL");
    }

    /** id to {@code name@generation} of the live rows: with {@code soft}, those whose deleted-at is NULL. */
    Map<Long, String> rows(boolean soft) throws SQLException {
        return select(soft ? " WHERE \"__tributary_deleted_at\" IS NULL" : "");
    }

    private Map<Long, String> select(String where) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"id\", \"name\", \"" + GENERATION + "\" FROM " + qualified() + where)) {
            while (rs.next()) {
                long generation = rs.getLong(3);
                String shown = rs.wasNull() ? "-" : Long.toString(generation);
                String value = rs.getString(2) + "@" + shown;
                assertNull(rows.put(rs.getLong(1), value), "two rows with key " + rs.getLong(1));
            }
        }
        return rows;
    }
}
