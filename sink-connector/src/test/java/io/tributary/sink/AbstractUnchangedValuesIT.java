package io.tributary.sink;

import static io.tributary.sink.ToastRecords.debezium;
import static io.tributary.sink.ToastRecords.debeziumTitleOnly;
import static io.tributary.sink.ToastRecords.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.ToastRecords.Doc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Values an update left out (PostgreSQL TOAST: Debezium's placeholder in every form, our log mode's
 * {@code tributary.unchanged} header) are not data, one subclass per database: the stored value stays;
 * within a batch the newest older version of the key gives it; with no value known the column is NULL
 * and listed in {@code __tributary_unchanged} until an older version fills it, which never overwrites
 * newer columns; an insert or snapshot read that leaves values out goes to the dead-letter queue.
 */
abstract class AbstractUnchangedValuesIT extends AbstractWarehouseIT {

    private static final String[] TOASTED = ToastRecords.TOASTED.toArray(String[]::new);

    @Override
    String schema() {
        return "unchanged_values";
    }

    @Test
    void anUpdateThatLeavesLargeValuesOutKeepsTheStoredOnes() throws Exception {
        Doc a = Doc.full("a", "alpha");
        Doc b = Doc.full("b", "beta");
        try (TaskDriver sink = driver()) {
            sink.batch(debezium(topic(), 0, 100, "c", 1, a), debezium(topic(), 1, 101, "c", 2, a));
            sink.batch(debeziumTitleOnly(topic(), 2, 200, 1, "a2"), debezium(topic(), 3, 201, "u", 2, b));
            assertEquals(Map.of(1L, with(a, "a2"), 2L, b.expected()), rows());
            sink.batch(debeziumTitleOnly(topic(), 4, 300, 1, "a3"), debeziumTitleOnly(topic(), 5, 301, 2, "b3"));
            assertEquals(Map.of(1L, with(a, "a3"), 2L, with(b, "b3")), rows());
            assertEquals(0, count("SELECT COUNT(*) FROM " + qualified() + " WHERE \"__tributary_unchanged\" IS NOT NULL"));
        }
    }

    @Test
    void ourSourceListsTheColumnsItLeftOutInAHeader() throws Exception {
        Doc a = Doc.full("a", "alpha");
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 10, "r", 1, a));
            sink.batch(ours(topic(), 1, 20, "u", 1, Doc.full("a2", "ignored"), TOASTED));
            assertEquals(Map.of(1L, with(a, "a2")), rows());
            Doc c = Doc.full("a3", "gamma");
            sink.batch(ours(topic(), 2, 30, "u", 1, c, "body"));
            assertEquals(Map.of(1L, List.of("a3", a.body(), c.doc(), c.tags(), c.expected().get(4), c.nums())), rows());
        }
    }

    @Test
    void withinABatchTheNewestOlderVersionOfTheKeyGivesTheValue() throws Exception {
        Doc a = Doc.full("a", "alpha");
        Doc b = Doc.full("b", "beta");
        Doc c = Doc.full("c", "gamma");
        try (TaskDriver sink = driver()) {
            sink.batch(debezium(topic(), 0, 100, "c", 1, a), debezium(topic(), 1, 150, "u", 1, b), debeziumTitleOnly(topic(), 2, 200, 1, "b2"),
                    // key 2: the update that left values out comes first in Kafka order, the older full version after it
                    debeziumTitleOnly(topic(), 3, 300, 2, "c2"), debezium(topic(), 4, 250, "c", 2, c),
                    // key 3: only updates that left them out, with the row already stored
                    debeziumTitleOnly(topic(), 5, 400, 3, "x"));
            assertEquals(Map.of(1L, with(b, "b2"), 2L, with(c, "c2"), 3L, nothingKnown("x")), rows());
        }
    }

    /**
     * The interleaving of a log reader and a snapshot: an update that left values out arrives before any
     * older version of its row; the older full version (a snapshot read) comes in a later batch. It fills
     * only the values nothing newer gave, and never overwrites the newer title.
     */
    @Test
    void anOlderVersionArrivingLaterFillsOnlyWhatIsStillUnknown() throws Exception {
        Doc a = Doc.full("t10", "alpha");
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 20, "u", 1, Doc.full("t20", "x"), TOASTED));
            assertEquals(Map.of(1L, nothingKnown("t20")), rows());
            assertEquals(",body,doc,tags,data,nums,", marker(1));
            sink.batch(ours(topic(), 1, 10, "r", 1, a));
            assertEquals(Map.of(1L, with(a, "t20")), rows(), "the older read filled the unknown values, not the title");
            assertEquals(null, marker(1));
            sink.batch(ours(topic(), 2, 5, "r", 1, Doc.full("t5", "older")));
            assertEquals(Map.of(1L, with(a, "t20")), rows(), "an even older version changes nothing");
            sink.batch(ours(topic(), 3, 30, "u", 1, Doc.full("t30", "x"), TOASTED));
            assertEquals(Map.of(1L, with(a, "t30")), rows());
        }
    }

    @Test
    void aPartlyKnownRowKeepsWhatIsKnownAndListsTheRest() throws Exception {
        Doc a = Doc.full("t10", "alpha");
        Doc b = Doc.full("t25", "beta");
        try (TaskDriver sink = driver()) {
            sink.batch(ours(topic(), 0, 20, "u", 1, Doc.full("t20", "x"), TOASTED));
            // newer: carries the body, leaves the rest out; the rest is still unknown
            sink.batch(ours(topic(), 1, 25, "u", 1, b, "doc", "tags", "data", "nums"));
            assertEquals(",doc,tags,data,nums,", marker(1));
            // older: fills the rest, not the body the newer version gave
            sink.batch(ours(topic(), 2, 10, "r", 1, a));
            assertEquals(Map.of(1L, List.of("t25", b.body(), a.doc(), a.tags(), a.expected().get(4), a.nums())), rows());
            assertEquals(null, marker(1));
        }
    }

    @Test
    void anInsertOrASnapshotReadThatLeavesValuesOutGoesToTheDeadLetterQueue() throws Exception {
        Doc a = Doc.full("a", "alpha");
        try (TaskDriver sink = driver("errors.tolerance", "all")) {
            sink.batch(debezium(topic(), 0, 100, "c", 1, ToastRecords.placeholders(ToastRecords.row(1, a))),
                    ours(topic(), 1, 110, "r", 2, a, "body"), debezium(topic(), 2, 120, "c", 3, a));
            assertEquals(Map.of(3L, a.expected()), rows());
            List<String> reasons = new ArrayList<>();
            sink.context.deadLetters.forEach(d -> reasons.add(d.reason().getMessage()));
            assertEquals(2, reasons.size(), reasons.toString());
            assertTrue(reasons.get(0).contains("op=c") && reasons.get(0).contains("body") && reasons.get(0).contains("unchanged"), reasons.get(0));
            assertTrue(reasons.get(1).contains("op=r") && reasons.get(1).contains("body"), reasons.get(1));
            assertEquals(3L, sink.committed.values().iterator().next().offset());
        }
    }

    @Test
    void aSoftDeleteKeepsTheValuesAnUpdateLeftOut() throws Exception {
        Doc a = Doc.full("a", "alpha");
        try (TaskDriver sink = driver("delete.mode", "soft")) {
            sink.batch(debezium(topic(), 0, 100, "c", 1, a));
            sink.batch(debeziumTitleOnly(topic(), 1, 200, 1, "a2"), debezium(topic(), 2, 300, "d", 1, (org.apache.kafka.connect.data.Struct) null));
            assertEquals(Map.of(1L, with(a, "a2")), rows());
            assertEquals(1, count("SELECT COUNT(*) FROM " + qualified() + " WHERE \"__tributary_deleted_at\" IS NOT NULL"));
        }
    }

    /** The expected values of {@code doc} with another title. */
    private static List<Object> with(Doc doc, String title) {
        List<Object> values = new ArrayList<>(doc.expected());
        values.set(0, title);
        return values;
    }

    private static List<Object> nothingKnown(String title) {
        List<Object> values = new ArrayList<>();
        values.add(title);
        for (int i = 0; i < TOASTED.length; i++) {
            values.add(null);
        }
        return values;
    }

    Map<Long, List<Object>> rows() throws SQLException {
        try (Connection c = connect()) {
            return ToastRecords.read(c, qualified());
        }
    }

    private String marker(long id) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT \"__tributary_unchanged\" FROM " + qualified() + " WHERE \"id\" = " + id)) {
            assertTrue(rs.next(), "no row " + id);
            return rs.getString(1);
        }
    }
}
