package io.tributary.sink;

/** What a delete event does to the final table. */
public enum DeleteMode {
    /** The row is removed. */
    HARD,
    /** The row stays, with its deleted-at column set. */
    SOFT,
    /** Deletes are ignored. */
    NONE
}
