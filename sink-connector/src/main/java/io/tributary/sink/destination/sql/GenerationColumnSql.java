package io.tributary.sink.destination.sql;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.schema.MetadataColumns;

/**
 * The SQL of the generation column ({@link MetadataColumns#generation()}) in a merge: it is not part of a
 * version, and a row keeps the greatest generation of the versions and key marks that wrote or marked it
 * ({@link #greatest}); a key mark ({@value MergeSql#KEY_MARK}) sets only that, and only on a live row
 * ({@link #keyMark}). Standard SQL (CASE, not GREATEST, whose NULL handling differs between warehouses).
 */
public final class GenerationColumnSql {

    private final SqlText dialect;
    private final MetadataColumns meta;
    private final DeleteMode deleteMode;

    GenerationColumnSql(SqlText dialect, MetadataColumns meta, DeleteMode deleteMode) {
        this.dialect = dialect;
        this.meta = meta;
        this.deleteMode = deleteMode;
    }

    /** {@code source} (a version or row) has a greater generation than {@code target}'s (or {@code target} has none). */
    public String raised(String source, String target) {
        String mine = column(source);
        String theirs = column(target);
        return "(" + mine + " IS NOT NULL AND (" + theirs + " IS NULL OR " + mine + " > " + theirs + "))";
    }

    /** {@code <generation> = } the greater of the generations of {@code latest} and the stored row {@code target}. */
    public String greatest(String latest, String target) {
        return dialect.quote(meta.generation()) + " = CASE WHEN " + raised(latest, target) + " THEN " + column(latest) + " ELSE "
                + column(target) + " END";
    }

    /**
     * {@code <generation> = } the key mark {@code latest}'s generation where it is greater than the stored row {@code target}'s and
     * the row is live (with soft deletes: not deleted), else the row's own.
     */
    public String keyMark(String latest, String target) {
        String live = deleteMode == DeleteMode.SOFT ? " AND " + target + "." + dialect.quote(meta.deletedAt()) + " IS NULL" : "";
        return dialect.quote(meta.generation()) + " = CASE WHEN " + raised(latest, target) + live + " THEN " + column(latest) + " ELSE "
                + column(target) + " END";
    }

    private String column(String alias) {
        return alias + "." + dialect.quote(meta.generation());
    }
}
