package io.tributary.sink;

/** What the end of a re-snapshot (generation) of a source table does to the rows it did not see. */
public enum StaleRows {
    /** Nothing: the rows stay (the ends of generations are still recorded). */
    KEEP,
    /** Rows the generation neither read nor marked and that are not newer than its start point are deleted per delete.mode. */
    DELETE
}
