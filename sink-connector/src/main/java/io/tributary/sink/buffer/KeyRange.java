package io.tributary.sink.buffer;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The lowest and highest value of an integer key column over a batch's rows. A merge may add
 * {@code target.column BETWEEN min AND max} to its join: every row of the batch lies inside, so the
 * match is unchanged, and a warehouse can prune the target (an index range, micro-partitions,
 * clustered blocks) instead of reading all of it. Integer columns only: their order is the same in
 * Java and in every warehouse, where text follows the column's collation (case-insensitive keys).
 *
 * @param column the key column
 * @param min the lowest value in the batch
 * @param max the highest value in the batch
 */
public record KeyRange(String column, long min, long max) {

    /** The ranges covering the rows of two batches: per column both have, the lower minimum and the higher maximum. */
    public static List<KeyRange> union(List<KeyRange> a, List<KeyRange> b) {
        List<KeyRange> out = new ArrayList<>();
        for (KeyRange x : a) {
            for (KeyRange y : b) {
                if (x.column.equals(y.column)) {
                    out.add(new KeyRange(x.column, Math.min(x.min, y.min), Math.max(x.max, y.max)));
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether a column's values can bound a range: integers. */
    static boolean bounds(Column column) {
        return column.kind() == Kind.INT16 || column.kind() == Kind.INT32 || column.kind() == Kind.INT64;
    }

    /** Collects the ranges of a batch's integer key columns as its rows are added. */
    static final class Tracker {
        private final List<Column> columns;
        private final boolean[] tracked;
        private final long[] min;
        private final long[] max;
        private final boolean[] seen;
        private boolean unbounded;

        /** @param columns the batch's columns, in the order {@link #include} numbers them */
        Tracker(List<Column> columns) {
            this.columns = List.copyOf(columns);
            this.tracked = new boolean[columns.size()];
            for (int i = 0; i < tracked.length; i++) {
                tracked[i] = columns.get(i).key() && bounds(columns.get(i));
            }
            this.min = new long[columns.size()];
            this.max = new long[columns.size()];
            this.seen = new boolean[columns.size()];
        }

        /**
         * A row's value of column {@code index}; columns other than integer keys are ignored. A null value or one that is not
         * a number (a delete whose key changed type joins the batch by its key's name) leaves the batch without ranges.
         */
        void include(int index, Object value) {
            if (!tracked[index]) {
                return;
            }
            if (!(value instanceof Number number)) {
                unbounded = true; // null, or not an integer: the row fails to stage or matches nothing; no range then
                return;
            }
            // as the staged file holds it: an INT16/INT32 column stages the int value of whatever number it gets
            long v = columns.get(index).kind() == Kind.INT64 ? number.longValue() : number.intValue();
            min[index] = seen[index] ? Math.min(min[index], v) : v;
            max[index] = seen[index] ? Math.max(max[index], v) : v;
            seen[index] = true;
        }

        /** The ranges so far: one per integer key column that has values (none for a column holding the lowest long). */
        List<KeyRange> ranges() {
            List<KeyRange> out = new ArrayList<>();
            for (int i = 0; !unbounded && i < columns.size(); i++) {
                // Long.MIN_VALUE has no literal in every warehouse (BigQuery reads -9223372036854775808 as minus an overflow)
                if (seen[i] && min[i] != Long.MIN_VALUE) {
                    out.add(new KeyRange(columns.get(i).name(), min[i], max[i]));
                }
            }
            return List.copyOf(out);
        }
    }
}
