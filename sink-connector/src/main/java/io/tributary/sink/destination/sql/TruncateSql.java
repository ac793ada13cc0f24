package io.tributary.sink.destination.sql;

import io.tributary.sink.buffer.Version;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.util.ArrayList;
import java.util.List;

/**
 * Truncates applied in order with the other versions ({@code truncate.mode=apply}), in standard SQL:
 * the newest truncate the table has seen is kept in a table {@code <table>__tributary_truncated} (one
 * row: its position, topic, partition, offset). A batch's truncate removes the stored rows older than
 * it; every batch drops its staged versions older than the kept truncate before the merge. So versions
 * older than a truncate never come back, in its batch or later; newer ones are written. Tables are
 * referred to by their bare names in conditions (never aliased in DELETE targets), as every SQL warehouse accepts.
 */
public final class TruncateSql {

    public static final String SUFFIX = "__tributary_truncated";

    private final SqlText dialect;
    private final TableId target;
    private final TableId truncates;
    private final MetadataColumns meta;
    private final VersionOrder order;

    public TruncateSql(SqlText dialect, TableId target, TableId truncates, MetadataColumns meta) {
        this.dialect = dialect;
        this.target = target;
        this.truncates = truncates;
        this.meta = meta;
        this.order = new VersionOrder(dialect, meta);
    }

    /**
     * The statements before the merge: with the batch's newest truncate {@code truncate} (or null), keep it if it is
     * the newest seen and remove the rows older than it ({@code targetExists}: the final table exists); then drop
     * the staged versions older than the kept truncate ({@code staged}: the batch has staged rows).
     */
    public List<String> beforeMerge(Version truncate, boolean targetExists, boolean staged) {
        List<String> statements = new ArrayList<>();
        String kept = q(truncates.table());
        if (truncate != null) {
            statements.add("DELETE FROM " + dialect.table(truncates) + " WHERE " + newerThanStored(truncate, kept));
            statements.add("INSERT INTO " + dialect.table(truncates) + " (" + String.join(", ", meta.tombstoneNames().stream().map(this::q).toList())
                    + ") SELECT " + literal(truncate.position()) + ", '" + truncate.topic().replace("'", "''") + "', " + truncate.partition()
                    + ", " + truncate.offset() + " WHERE NOT EXISTS (SELECT 1 FROM " + dialect.table(truncates) + ")");
            if (targetExists) {
                statements.add("DELETE FROM " + dialect.table(target) + " WHERE " + newerThanStored(truncate, q(target.table())));
            }
        }
        if (staged) {
            String stage = q(MergeSql.STAGE);
            // a key mark has no position, so no place in that order: it only marks a row that is there, and stays
            statements.add("DELETE FROM " + stage + " WHERE " + stage + "." + q(meta.op()) + " <> '" + MergeSql.KEY_MARK
                    + "' AND EXISTS (SELECT 1 FROM " + dialect.table(truncates) + " t WHERE " + order.newer("t", stage) + ")");
        }
        return statements;
    }

    /** The truncate (literals) is newer than the stored version (a row or the kept truncate) named {@code stored}. */
    private String newerThanStored(Version truncate, String stored) {
        return VersionOrder.newer(truncate.position() == null ? VersionOrder.LOWEST_POSITION : truncate.position().toString(),
                String.valueOf(truncate.partition()), String.valueOf(truncate.offset()), order.position(stored),
                VersionOrder.stored(stored + "." + q(meta.partition())), VersionOrder.stored(stored + "." + q(meta.offset())));
    }

    private static String literal(Long position) {
        return position == null ? "CAST(NULL AS BIGINT)" : position.toString();
    }

    private String q(String identifier) {
        return dialect.quote(identifier);
    }
}
