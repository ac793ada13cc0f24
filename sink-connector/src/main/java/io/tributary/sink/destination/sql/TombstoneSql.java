package io.tributary.sink.destination.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of hard deletes' tombstones (a table {@code <table>__tributary_deleted} next to the final table):
 * each deleted key with the version that deleted it, so a late, older version cannot bring the row back
 * ({@link #dropVersionsOlderThanTombstones}), and a newer version ends it ({@link #deleteSupersededTombstones}).
 */
public final class TombstoneSql {

    private final MergeSql sql;

    TombstoneSql(MergeSql sql) {
        this.sql = sql;
    }

    /** Hard deletes: drop versions that are not newer than the key's tombstone. */
    public String dropVersionsOlderThanTombstones() {
        return "DELETE FROM " + sql.q(MergeSql.LATEST) + " WHERE EXISTS (SELECT 1 FROM " + sql.dialect().table(sql.tombstones()) + " t WHERE "
                + sql.keyMatch("t", sql.q(MergeSql.LATEST)) + " AND NOT " + sql.newer(sql.q(MergeSql.LATEST), "t") + ")";
    }

    /** Hard deletes: remember each deleted key with the version that deleted it. */
    public String upsertTombstones() {
        List<String> cols = tombstoneColumns();
        String source = "(SELECT " + sql.list(cols, "") + " FROM " + sql.q(MergeSql.LATEST) + " WHERE " + sql.q(sql.meta().op()) + " = 'd')";
        List<String> sets = sql.meta().tombstoneNames().stream().map(c -> sql.q(c) + " = l." + sql.q(c)).toList();
        return "MERGE INTO " + sql.dialect().table(sql.tombstones()) + " AS t USING " + source + " AS l ON " + sql.keyMatch("t", "l")
                + " WHEN MATCHED AND " + sql.newer("l", "t") + " THEN UPDATE SET " + String.join(", ", sets)
                + " WHEN NOT MATCHED THEN INSERT (" + sql.list(cols, "") + ") VALUES (" + sql.list(cols, "l.") + ")";
    }

    /** Hard deletes: a key written again by a newer version is no longer deleted (a key mark writes nothing). */
    public String deleteSupersededTombstones() {
        return "DELETE FROM " + sql.dialect().table(sql.tombstones()) + " AS d WHERE EXISTS (SELECT 1 FROM " + sql.q(MergeSql.LATEST) + " l WHERE "
                + sql.keyMatch("l", "d") + " AND " + sql.notDeleteNorMark("l") + ")";
    }

    /** The columns of a tombstone row: the key columns, then the deleting version ({@link io.tributary.sink.schema.MetadataColumns#tombstone()}). */
    public List<String> tombstoneColumns() {
        List<String> all = new ArrayList<>(sql.keys());
        all.addAll(sql.meta().tombstoneNames());
        return all;
    }
}
