package io.tributary.common;

/**
 * The Kafka record headers by which the Tributary source tells the sink how to order versions of a
 * row. The contract between the two connectors; see docs/record-contract.md.
 */
public final class RecordHeaders {

    /**
     * The operation, a string: {@link #OP_READ}, {@link #OP_UPSERT}, {@link #OP_DELETE} (cursor and log
     * mode), {@link #OP_INSERT}, {@link #OP_TRUNCATE} (log mode), {@link #OP_KEY_MARK} and
     * {@link #OP_SNAPSHOT_END} (both modes).
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
    /**
     * A keys-only refresh ({@code snapshot.refresh.mode=keys}) read this key: the key is the table's key
     * struct, the value the table's value struct with only the key fields set. It says "this key still
     * exists at the source as of this generation" and carries no data. No {@link #POSITION}.
     */
    public static final String OP_KEY_MARK = "k";
    /**
     * End of a snapshot generation: every chunk of generation {@link #GENERATION} is done, and this
     * partition holds all of its rows before this record. Key and value are null (like a tombstone
     * without a key: a consumer that deletes by key deletes nothing). Headers: {@link #TABLE},
     * {@link #GENERATION}, {@link #GENERATION_START}, {@link #GENERATION_PARTITIONS},
     * {@link #GENERATION_MODE}. One is sent to every partition of the table's topic.
     */
    public static final String OP_SNAPSHOT_END = "e";
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

    /**
     * The generation (one snapshot of a table; a re-snapshot is a new one), an INT64 that grows
     * strictly per table: on every record of the table, the number of the plan the source works under.
     * Absent on records of tables planned by Tributary versions before generations.
     */
    public static final String GENERATION = "tributary.generation";

    /**
     * On an end-of-snapshot record: the generation's start point, an INT64 in the encoding of
     * {@link #POSITION} (cursor mode: the plan's incremental start point; log mode: its log start).
     * Absent when the table has none (no cursor, or an empty table when it was planned).
     */
    public static final String GENERATION_START = "tributary.generation.start";

    /** On an end-of-snapshot record: the partition count of the topic, an INT32; one such record goes to each partition. */
    public static final String GENERATION_PARTITIONS = "tributary.generation.partitions";

    /** On an end-of-snapshot record: {@link #MODE_FULL} or {@link #MODE_KEYS}, a string. */
    public static final String GENERATION_MODE = "tributary.generation.mode";

    /** The generation read every column of every row. */
    public static final String MODE_FULL = "full";
    /** The generation read only the keys ({@link #OP_KEY_MARK} records). */
    public static final String MODE_KEYS = "keys";

    private RecordHeaders() {
    }
}
