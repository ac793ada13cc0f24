package io.tributary.common;

/**
 * The Kafka record headers by which the Tributary source tells the sink how to order versions of a
 * row. The contract between the two connectors; see docs/record-contract.md.
 */
public final class RecordHeaders {

    /**
     * The operation, a string: {@link #OP_READ}, {@link #OP_UPSERT}, {@link #OP_DELETE} (cursor and log
     * mode), {@link #OP_INSERT}, {@link #OP_TRUNCATE} (log mode).
     */
    public static final String OP = "tributary.op";

    /** Read by the snapshot. */
    public static final String OP_READ = "r";
    /**
     * Cursor mode: found by incremental polling, an insert or an update (cursor polling cannot tell them
     * apart). Log mode: an update.
     */
    public static final String OP_UPSERT = "u";
    /**
     * Cursor mode: a soft delete seen by the source (the configured soft-delete column is set). Log mode:
     * a delete: the key names the row and the value is null, so the record is also a tombstone (a
     * compacted topic drops the row's older versions).
     */
    public static final String OP_DELETE = "d";
    /** Log mode: an insert. */
    public static final String OP_INSERT = "c";
    /**
     * Log mode: the table was truncated. The record has a null key and a null value; its position orders
     * it with the table's other versions.
     */
    public static final String OP_TRUNCATE = "t";

    /**
     * Log mode: the columns of an update whose values the log did not carry because they did not change
     * (PostgreSQL TOAST values under the default replica identity), a string holding a JSON array of the
     * value's field names. Those fields are null in the value and are not data: the sink keeps the
     * stored value. Absent when every column is carried.
     */
    public static final String UNCHANGED = "tributary.unchanged";

    /**
     * The source position, an INT64: the row's cursor value (epoch microseconds for a timestamp
     * cursor, the number itself for a numeric cursor). A higher position is a newer version; equal
     * positions are ordered by Kafka offset. Absent when the table has no cursor.
     */
    public static final String POSITION = "tributary.position";

    /** The source table, {@code schema.table}, a string. */
    public static final String TABLE = "tributary.table";

    private RecordHeaders() {
    }
}
