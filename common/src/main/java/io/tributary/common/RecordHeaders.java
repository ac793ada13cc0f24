package io.tributary.common;

/**
 * The Kafka record headers by which the Tributary source tells the sink how to order versions of a
 * row. The contract between the two connectors; see docs/record-contract.md.
 */
public final class RecordHeaders {

    /** The operation, a string: {@link #OP_READ}, {@link #OP_UPSERT} or {@link #OP_DELETE}. */
    public static final String OP = "tributary.op";

    /** Read by the snapshot. */
    public static final String OP_READ = "r";
    /** Found by incremental polling: an insert or an update (cursor polling cannot tell them apart). */
    public static final String OP_UPSERT = "u";
    /** A soft delete seen by the source (the configured soft-delete column is set). */
    public static final String OP_DELETE = "d";

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
