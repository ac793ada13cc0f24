package io.tributary.common;

/**
 * The Kafka record headers by which the Tributary source tells the sink how to order versions of a
 * row. The contract between the two connectors; see docs/record-contract.md.
 */
public final class RecordHeaders {

    /**
     * The operation, a string: {@link #OP_READ}, {@link #OP_UPSERT}, {@link #OP_DELETE} (cursor and log
     * mode), {@link #OP_INSERT}, {@link #OP_TRUNCATE} (log mode), {@link #OP_KEY_MARK},
     * {@link #OP_SNAPSHOT_END} (re-snapshots).
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
     * A keys-only refresh read this key: the key struct names the row, the value has only the key fields
     * set (every other field null). It means "this key still exists at the source as of this
     * generation" and carries no data; {@link #POSITION} is absent.
     */
    public static final String OP_KEY_MARK = "k";
    /**
     * End of a snapshot (generation) of a table: null key, null value, with {@link #TABLE},
     * {@link #GENERATION} (the generation that ended), {@link #GENERATION_START} (absent when the table
     * has no start point), {@link #GENERATION_PARTITIONS} and {@link #GENERATION_MODE}. One is sent to
     * every partition of the topic, after that partition's records of the generation.
     */
    public static final String OP_SNAPSHOT_END = "e";

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

    /**
     * The generation (snapshot) of the table the record was built under, an INT64 that grows strictly
     * per table (its plan's planned-at time in epoch milliseconds). On every record of a table; absent on
     * records of older versions.
     */
    public static final String GENERATION = "tributary.generation";

    /**
     * On {@link #OP_SNAPSHOT_END}: the generation's start point, an INT64 in the encoding of
     * {@link #POSITION} (the position read before its first chunk); absent when the table has none.
     */
    public static final String GENERATION_START = "tributary.generation.start";

    /** On {@link #OP_SNAPSHOT_END}: the topic's partition count, an INT32; one marker goes to each partition. */
    public static final String GENERATION_PARTITIONS = "tributary.generation.partitions";

    /** On {@link #OP_SNAPSHOT_END}: {@link #MODE_FULL} or {@link #MODE_KEYS}, a string. */
    public static final String GENERATION_MODE = "tributary.generation.mode";

    /** A generation that read whole rows. */
    public static final String MODE_FULL = "full";
    /** A generation that read only keys ({@link #OP_KEY_MARK} records). */
    public static final String MODE_KEYS = "keys";

    private RecordHeaders() {
    }
}
