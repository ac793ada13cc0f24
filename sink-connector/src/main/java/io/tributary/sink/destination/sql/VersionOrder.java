package io.tributary.sink.destination.sql;

import io.tributary.sink.schema.MetadataColumns;

/**
 * Which version is newer, in SQL: a higher position; positions tie (or are both unknown) → the higher
 * Kafka partition, then offset. An unknown position is the lowest, and a stored row or tombstone with
 * NULL metadata (loaded before the sink, or by hand) is older than any version.
 */
public final class VersionOrder {

    static final String LOWEST_POSITION = "-9223372036854775807";
    /** Below every Kafka partition and offset. */
    static final String LOWEST_KAFKA = "-1";

    private final SqlText dialect;
    private final MetadataColumns meta;

    public VersionOrder(SqlText dialect, MetadataColumns meta) {
        this.dialect = dialect;
        this.meta = meta;
    }

    /**
     * {@code a} is a newer version than {@code b}; both are table names or aliases, {@code b} a stored
     * row (final, tombstone or truncate table). An empty alias means the columns unqualified.
     */
    public String newer(String a, String b) {
        return newer(position(a), column(a, meta.partition()), column(a, meta.offset()), position(b),
                stored(column(b, meta.partition())), stored(column(b, meta.offset())));
    }

    /** The version (position, partition, offset) {@code a} is newer than {@code b}; each an SQL expression. */
    public static String newer(String pa, String parta, String offa, String pb, String partb, String offb) {
        return "(" + pa + " > " + pb + " OR (" + pa + " = " + pb + " AND (" + parta + " > " + partb
                + " OR (" + parta + " = " + partb + " AND " + offa + " > " + offb + "))))";
    }

    /** The position of {@code alias}, the lowest when unknown. */
    public String position(String alias) {
        return lowestIfNull(column(alias, meta.position()));
    }

    /** A position expression, the lowest when NULL. */
    public static String lowestIfNull(String position) {
        return "COALESCE(" + position + ", " + LOWEST_POSITION + ")";
    }

    /** A stored partition or offset; NULL is below every real one (they start at 0). */
    public static String stored(String column) {
        return "COALESCE(" + column + ", " + LOWEST_KAFKA + ")";
    }

    /** An ORDER BY of versions (alias {@code alias}), the newest first. */
    public String newestFirst(String alias) {
        return position(alias) + " DESC, " + column(alias, meta.partition()) + " DESC, " + column(alias, meta.offset()) + " DESC";
    }

    private String column(String alias, String name) {
        return (alias.isEmpty() ? "" : alias + ".") + dialect.quote(name);
    }
}
