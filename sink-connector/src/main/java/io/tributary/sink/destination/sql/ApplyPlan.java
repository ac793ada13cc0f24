package io.tributary.sink.destination.sql;

import io.tributary.sink.DeleteMode;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that turn a loaded staging table ({@value MergeSql#STAGE}) into changes of the
 * final table, in merge mode. Run in order, in the batch's transaction.
 */
public interface ApplyPlan {

    List<String> statements(MergeSql sql, DeleteMode deleteMode);

    /**
     * Standard SQL: newest version per key, tombstone filter, values left out taken from the stored
     * rows, one conditional MERGE, tombstone upkeep.
     */
    ApplyPlan STANDARD_MERGE = (sql, deleteMode) -> {
        boolean hard = deleteMode == DeleteMode.HARD;
        List<String> statements = new ArrayList<>();
        statements.add(sql.createLatest());
        if (hard) {
            statements.add(sql.tombstoneSql().dropVersionsOlderThanTombstones());
        }
        String fill = sql.unchangedSql().fillLatestFromTarget();
        if (fill != null) {
            statements.add(fill);
        }
        statements.add(sql.merge());
        if (hard) {
            statements.add(sql.tombstoneSql().upsertTombstones());
            statements.add(sql.tombstoneSql().deleteSupersededTombstones());
        }
        statements.add(sql.dropTemp(MergeSql.LATEST));
        return statements;
    };
}
