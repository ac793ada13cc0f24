package io.tributary.sink.destination.redshift;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.destination.sql.ApplyPlan;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The merge rules in statements Redshift runs: Redshift's MERGE allows one unconditional
 * {@code WHEN MATCHED} action, so "only if newer" cannot be a MERGE condition. Instead the newest
 * versions ({@value MergeSql#LATEST}) are first reduced to those that must win (newer than the
 * tombstone, newer than the stored row), then applied with DELETE ... USING and INSERT ... SELECT.
 * Values a version left out are filled as in the standard merge ({@link io.tributary.sink.destination.sql.UnchangedSql}),
 * the older versions' filling of stored rows by an UPDATE of its own before they are dropped.
 * Every statement is also valid PostgreSQL (RedshiftSqlOnPostgresIT runs them there), so tables are
 * referred to by their bare names in conditions and never aliased in DELETE/UPDATE targets.
 */
public final class RedshiftApplySql implements ApplyPlan {

    @Override
    public List<String> statements(MergeSql sql, DeleteMode deleteMode) {
        Names n = new Names(sql);
        List<String> statements = new ArrayList<>();
        statements.add(sql.createLatest());
        if (deleteMode == DeleteMode.NONE) {
            statements.add("DELETE FROM " + n.latest + " WHERE " + n.latest + "." + n.op + " = 'd'");
        }
        if (deleteMode == DeleteMode.HARD) {
            // versions not newer than the key's tombstone must not bring the row back
            statements.add("DELETE FROM " + n.latest + " USING " + n.tombstonesTable + " WHERE " + sql.keyMatch(n.tombstonesRef, n.latest)
                    + " AND NOT " + sql.newer(n.latest, n.tombstonesRef));
        }
        // a key mark sets only the generation of a live row (GenerationColumnSql#keyMark), then is done
        String keyMark = n.latest + "." + n.op + " = '" + MergeSql.KEY_MARK + "'";
        statements.add("UPDATE " + n.targetTable + " SET " + sql.generations().keyMark(n.latest, n.targetRef) + " FROM " + n.latest + " WHERE "
                + sql.targetMatch(n.targetRef, n.latest) + " AND " + keyMark);
        statements.add("DELETE FROM " + n.latest + " WHERE " + keyMark);
        String fill = sql.unchangedSql().fillLatestFromTarget();
        if (fill != null) {
            statements.add(fill);
        }
        // versions older than the stored row fill only the values it lists as unknown (and raise its generation), then change nothing
        statements.add("UPDATE " + n.targetTable + " SET " + sql.olderVersionAssignments(n.latest, n.targetRef) + " FROM "
                + n.latest + " WHERE " + sql.targetMatch(n.targetRef, n.latest) + " AND " + sql.olderVersionTouches(n.latest, n.targetRef));
        statements.add("DELETE FROM " + n.latest + " USING " + n.targetTable + " WHERE " + sql.targetMatch(n.targetRef, n.latest)
                + " AND NOT " + sql.newer(n.latest, n.targetRef));
        // the newer versions replace the stored rows below: they keep the greater generation of the two
        String generation = n.q(n.meta.generation());
        statements.add("UPDATE " + n.latest + " SET " + generation + " = f." + generation + " FROM " + n.targetTable + " AS f WHERE "
                + sql.targetMatch("f", n.latest) + " AND " + sql.generations().raised("f", n.latest));
        if (deleteMode == DeleteMode.SOFT) {
            // a delete keeps the stored values, or takes those of a newer upsert earlier in its batch (MergeSql.createLatest)
            statements.add("UPDATE " + n.targetTable + " SET " + n.keepStoredWhereNull() + sql.versionAssignments(n.latest) + ", " + generation
                    + " = " + n.latest + "." + generation + ", " + n.q(n.meta.deletedAt()) + " = CURRENT_TIMESTAMP FROM " + n.latest + " WHERE "
                    + sql.targetMatch(n.targetRef, n.latest) + " AND " + n.latest + "." + n.op + " = 'd'");
            statements.add("DELETE FROM " + n.targetTable + " USING " + n.latest + " WHERE " + sql.targetMatch(n.targetRef, n.latest)
                    + " AND " + n.latest + "." + n.op + " <> 'd'");
            statements.add(n.insertUpserts());
            statements.add("INSERT INTO " + n.targetTable + " (" + n.stagedList("") + ", " + n.q(n.meta.syncedAt()) + ", "
                    + n.q(n.meta.deletedAt()) + ") SELECT " + n.stagedList(n.latest + ".") + ", CURRENT_TIMESTAMP, CURRENT_TIMESTAMP FROM "
                    + n.latest + " LEFT JOIN " + n.targetTable + " ON " + sql.targetMatch(n.targetRef, n.latest) + " WHERE " + n.latest + "."
                    + n.op + " = 'd' AND " + n.targetRef + "." + n.q(sql.keys().get(0)) + " IS NULL");
        } else {
            statements.add("DELETE FROM " + n.targetTable + " USING " + n.latest + " WHERE " + sql.targetMatch(n.targetRef, n.latest));
            statements.add(n.insertUpserts());
        }
        if (deleteMode == DeleteMode.HARD) {
            // every remaining version is newer than the key's tombstone: deletes replace it, upserts end it
            statements.add("DELETE FROM " + n.tombstonesTable + " USING " + n.latest + " WHERE " + sql.keyMatch(n.tombstonesRef, n.latest));
            List<String> cols = sql.tombstoneSql().tombstoneColumns();
            statements.add("INSERT INTO " + n.tombstonesTable + " (" + n.list(cols, "") + ") SELECT " + n.list(cols, n.latest + ".")
                    + " FROM " + n.latest + " WHERE " + n.latest + "." + n.op + " = 'd'");
        }
        statements.add(sql.dropTemp(MergeSql.LATEST));
        return statements;
    }

    /** Quoted names of one merge. */
    private static final class Names {
        final MergeSql sql;
        final MetadataColumns meta;
        final String latest;
        final String op;
        final String targetTable;
        final String targetRef;
        final String tombstonesTable;
        final String tombstonesRef;

        Names(MergeSql sql) {
            this.sql = sql;
            this.meta = sql.meta();
            this.latest = q(MergeSql.LATEST);
            this.op = q(meta.op());
            this.targetTable = sql.dialect().table(sql.target());
            this.targetRef = ref(sql.target());
            this.tombstonesTable = sql.dialect().table(sql.tombstones());
            this.tombstonesRef = ref(sql.tombstones());
        }

        String q(String identifier) {
            return sql.dialect().quote(identifier);
        }

        String ref(TableId table) {
            return q(table.table());
        }

        String list(List<String> names, String prefix) {
            return names.stream().map(c -> prefix + q(c)).collect(Collectors.joining(", "));
        }

        String stagedList(String prefix) {
            return list(sql.stagedColumns(), prefix);
        }

        /** The soft-delete assignment of each column a delete takes from an upsert ({@link MergeSql#softDeleteAssignment}). */
        String keepStoredWhereNull() {
            StringBuilder out = new StringBuilder();
            for (String column : sql.softDeleteColumns()) {
                out.append(sql.softDeleteAssignment(column, latest, targetRef)).append(", ");
            }
            return out.toString();
        }

        String insertUpserts() {
            return "INSERT INTO " + targetTable + " (" + stagedList("") + ", " + q(meta.syncedAt()) + ") SELECT " + stagedList(latest + ".")
                    + ", CURRENT_TIMESTAMP FROM " + latest + " WHERE " + latest + "." + op + " <> 'd'";
        }
    }
}
