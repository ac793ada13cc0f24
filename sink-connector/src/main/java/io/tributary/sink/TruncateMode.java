package io.tributary.sink;

/** What a truncate event (Debezium op=t, our log mode's op t) does to the final table. */
public enum TruncateMode {
    /** Truncates are skipped: the table keeps its rows. */
    SKIP,
    /** The table is emptied of every version older than the truncate; newer versions stay and come. */
    APPLY
}
