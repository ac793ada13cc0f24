package io.tributary.sink.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    private static final Column TENANT = Column.of("tenant", Kind.INT32).asKey();
    private static final Column ID = Column.of("id", Kind.INT64).asKey();
    private static final Column CODE = Column.of("code", Kind.STRING).asKey();

    @Test
    void integerKeyColumnsGetTheirLowestAndHighestValue() {
        List<Column> columns = List.of(TENANT, CODE, ID);
        KeyRange.Tracker tracker = new KeyRange.Tracker(columns);
        assertEquals(List.of(), tracker.ranges(), "no rows, no ranges");
        tracker.include(columns.indexOf(TENANT), 7);
        tracker.include(columns.indexOf(CODE), "b");
        tracker.include(columns.indexOf(ID), 500L);
        tracker.include(columns.indexOf(TENANT), 3);
        tracker.include(columns.indexOf(CODE), "a");
        tracker.include(columns.indexOf(ID), -20L);
        tracker.include(columns.indexOf(ID), 90L);
        // text follows the warehouse's collation (case-insensitive keys): it gets no range
        assertEquals(List.of(new KeyRange("tenant", 3, 7), new KeyRange("id", -20, 500)), tracker.ranges());
    }

    @Test
    void aNullKeyValueLeavesTheBatchWithoutRanges() {
        List<Column> columns = List.of(ID);
        KeyRange.Tracker tracker = new KeyRange.Tracker(columns);
        tracker.include(columns.indexOf(ID), 1L);
        tracker.include(columns.indexOf(ID), null);
        tracker.include(columns.indexOf(ID), 5L);
        assertEquals(List.of(), tracker.ranges());
    }

    @Test
    void aKeyValueThatIsNoIntegerLeavesTheBatchWithoutRangesAndIsRejectedLaterNotHere() {
        List<Column> columns = List.of(ID);
        KeyRange.Tracker tracker = new KeyRange.Tracker(columns);
        tracker.include(columns.indexOf(ID), 1L);
        tracker.include(columns.indexOf(ID), "7"); // a delete whose key became text: Avro refuses it when staging, to the dead-letter queue
        assertEquals(List.of(), tracker.ranges());
    }

    @Test
    void anIntColumnRangesTheIntItStagesOfALongValue() {
        List<Column> columns = List.of(TENANT);
        KeyRange.Tracker tracker = new KeyRange.Tracker(columns);
        tracker.include(columns.indexOf(TENANT), 4_294_967_298L); // staged as its int value, 2
        tracker.include(columns.indexOf(TENANT), 5);
        assertEquals(List.of(new KeyRange("tenant", 2, 5)), tracker.ranges());
    }

    @Test
    void theLowestLongHasNoLiteralSoItsColumnGetsNoRange() {
        List<Column> columns = List.of(TENANT, ID);
        KeyRange.Tracker tracker = new KeyRange.Tracker(columns);
        tracker.include(columns.indexOf(TENANT), 1);
        tracker.include(columns.indexOf(ID), Long.MIN_VALUE);
        tracker.include(columns.indexOf(ID), 5L);
        assertEquals(List.of(new KeyRange("tenant", 1, 1)), tracker.ranges());
    }

    @Test
    void theUnionCoversBothAndKeepsOnlyColumnsBothHave() {
        List<KeyRange> a = List.of(new KeyRange("tenant", 3, 7), new KeyRange("id", 10, 20));
        List<KeyRange> b = List.of(new KeyRange("id", 15, 40));
        assertEquals(List.of(new KeyRange("id", 10, 40)), KeyRange.union(a, b));
        assertEquals(List.of(), KeyRange.union(a, List.of()), "a batch without ranges: the union has none");
    }
}
