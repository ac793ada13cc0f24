package io.tributary.sink.destination.sql;

import io.tributary.sink.schema.UnchangedMarker;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The SQL of values a version left out ({@link UnchangedMarker} in the {@code unchanged} metadata
 * column), in standard SQL every warehouse runs (window functions, {@code ||}, {@code UPDATE ... FROM}):
 * <ol>
 *   <li>in the batch, a version's left-out value is the one of the newest version of the key that
 *       carries it ({@link #filledStage}); the value of the newest version thus comes from the newest
 *       older version that has it;</li>
 *   <li>still left out: the stored row's value ({@link #fillLatestFromTarget}), when it has one;</li>
 *   <li>a value nothing gave is NULL and stays listed in the row's {@code unchanged} column; a version
 *       older than the row, arriving later, fills exactly those values ({@link MergeSql#olderVersionTouches}) and
 *       nothing else, so it never writes an older value over a newer one.</li>
 * </ol>
 */
public final class UnchangedSql {

    private final MergeSql sql;

    UnchangedSql(MergeSql sql) {
        this.sql = sql;
    }

    /** Whether the version or row {@code alias} lists {@code column} as unknown. */
    public String leftOut(String alias, String column) {
        String marker = alias + "." + sql.q(sql.meta().unchanged());
        return "(" + marker + " IS NOT NULL AND " + sql.dialect().contains(marker, "'" + UnchangedMarker.token(column) + "'") + ")";
    }

    /** Whether the staged version {@code alias} carries a value of {@code column}: it is no delete nor key mark and did not leave it out. */
    private String carries(String alias, String column) {
        return "(" + sql.notDeleteNorMark(alias) + " AND NOT " + leftOut(alias, column) + ")";
    }

    /** The marker of the columns for which {@code unknown} holds: {@code ,a,b,}, or NULL. */
    private static String marker(List<String> columns, Function<String, String> unknown) {
        StringBuilder out = new StringBuilder("NULLIF(','");
        for (String column : columns) {
            out.append(" || CASE WHEN ").append(unknown.apply(column)).append(" THEN '").append(UnchangedMarker.encode(column))
                    .append(",' ELSE '' END");
        }
        return out.append(", ',')").toString();
    }

    /**
     * The staged versions, each value a version left out taken from the newest version of its key in the
     * batch that carries one, and the marker listing what no version of the key carries. Only the
     * columns some version left out ({@link MergeSql#unchanged}) are computed.
     */
    String filledStage() {
        String partition = "PARTITION BY " + sql.list(sql.keys(), "s.");
        List<String> select = new ArrayList<>();
        for (String column : sql.stagedColumns()) {
            String name = sql.q(column);
            if (sql.unchanged().contains(column)) {
                String carries = carries("s", column);
                select.add("CASE WHEN " + carries + " THEN s." + name + " ELSE FIRST_VALUE(CASE WHEN " + carries + " THEN s." + name
                        + " END) OVER (" + partition + " ORDER BY CASE WHEN " + carries + " THEN 1 ELSE 0 END DESC, " + sql.order().newestFirst("s")
                        + " ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) END AS " + name);
            } else if (column.equals(sql.meta().unchanged())) {
                String noValues = "s." + sql.q(sql.meta().op()) + " IN ('d', '" + MergeSql.KEY_MARK + "')";
                select.add("CASE WHEN " + noValues + " THEN NULL ELSE " + marker(sql.unchanged(),
                        c -> "NOT " + carries("s", c) + " AND MAX(CASE WHEN " + carries("s", c) + " THEN 1 ELSE 0 END) OVER (" + partition
                                + ") = 0") + " END AS " + name);
            } else {
                select.add("s." + name);
            }
        }
        return "(SELECT " + String.join(", ", select) + " FROM " + sql.q(MergeSql.STAGE) + " s)";
    }

    /**
     * The newest versions that still leave values out take them from the stored row of their key;
     * their marker then lists only what the stored row does not know either. Null when no version of
     * the batch left a value out.
     */
    public String fillLatestFromTarget() {
        if (sql.unchanged().isEmpty()) {
            return null;
        }
        String latest = sql.q(MergeSql.LATEST);
        List<String> sets = new ArrayList<>();
        for (String column : sql.unchanged()) {
            sets.add(sql.q(column) + " = CASE WHEN " + leftOut(latest, column) + " THEN f." + sql.q(column) + " ELSE " + latest + "."
                    + sql.q(column) + " END");
        }
        sets.add(sql.q(sql.meta().unchanged()) + " = " + marker(sql.unchanged(), c -> leftOut(latest, c) + " AND " + leftOut("f", c)));
        return "UPDATE " + latest + " SET " + String.join(", ", sets) + " FROM " + sql.dialect().table(sql.target()) + " AS f WHERE "
                + sql.targetMatch("f", latest) + " AND " + latest + "." + sql.q(sql.meta().unchanged()) + " IS NOT NULL";
    }

    /**
     * Each value the stored row {@code target} lists as unknown and the older version {@code latest} (an upsert) carries
     * is taken from it; every other value stays. The marker keeps what is still unknown.
     */
    public String fillStoredAssignments(String latest, String target) {
        List<String> data = sql.columns().stream().filter(c -> !sql.keys().contains(c)).toList();
        List<String> sets = new ArrayList<>();
        for (String column : data) {
            String name = sql.q(column);
            sets.add(name + " = CASE WHEN " + leftOut(target, column) + " AND NOT " + leftOut(latest, column) + " THEN " + latest + "." + name
                    + " ELSE " + target + "." + name + " END");
        }
        sets.add(sql.q(sql.meta().unchanged()) + " = " + marker(data, c -> leftOut(target, c) + " AND " + leftOut(latest, c)));
        sets.add(sql.q(sql.meta().syncedAt()) + " = CURRENT_TIMESTAMP");
        return String.join(", ", sets);
    }
}
