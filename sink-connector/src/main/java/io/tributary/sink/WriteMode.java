package io.tributary.sink;

/** How records become rows. */
public enum WriteMode {
    /** One current row per key: the highest source position wins. */
    MERGE,
    /** Every version is inserted, with its metadata. */
    APPEND
}
