package io.tributary.sink.destination.sql;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.StaleRows;
import io.tributary.sink.buffer.GenerationEnd;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the ends of generations in the warehouse and removes stale rows ({@code stale.rows=delete}), in a
 * batch's transaction, with {@link GenerationSql}: the batch's end-of-snapshot markers are recorded after its
 * merge, and each generation whose end is then recorded from every partition of the topic is completed, the
 * oldest first: its stale rows deleted (with {@code delete}), and a completion row recorded, so it is never
 * completed twice. The state lives in the warehouse, so the partitions of a topic may be on different tasks.
 * With {@code delete}, every batch of a table that has such state looks for complete generations, so one
 * that could not be completed when its last marker came (another writer recorded a marker at the same time
 * on a warehouse without a writer lock; hard deletes with no tombstone table yet) is completed by the next.
 * One INFO line per completed generation.
 */
final class Generations {

    private static final Logger LOG = LoggerFactory.getLogger(Generations.class);

    private final SqlDialect dialect;
    private final TableDdl ddl;
    private final MetadataColumns meta;
    private final DeleteMode deleteMode;
    private final StaleRows staleRows;

    Generations(SqlDialect dialect, TableDdl ddl, MetadataColumns meta, DeleteMode deleteMode, StaleRows staleRows) {
        this.dialect = dialect;
        this.ddl = ddl;
        this.meta = meta;
        this.deleteMode = deleteMode;
        this.staleRows = staleRows;
    }

    /**
     * Before the merge, with the batch's other DDL: creates the generations table when the batch has ends of generations.
     *
     * @return whether the generations table exists, so {@link #afterMerge} has something to do
     */
    boolean prepare(Connection connection, TableId generations, List<GenerationEnd> ends) throws SQLException {
        if (!ends.isEmpty()) {
            ddl.ensureGenerations(connection, generations);
            return true;
        }
        return staleRows == StaleRows.DELETE && ddl.exists(connection, generations);
    }

    /**
     * After the merge, in its transaction: records the batch's ends and completes the generations that are complete.
     *
     * @param keys the key columns of the batch's rows; empty when it has none (they are then read from the tombstone table)
     * @param targetExists whether the final table exists
     */
    void afterMerge(Connection connection, GenerationSql sql, TableId target, TableId tombstones, TableId generations,
            List<GenerationEnd> ends, List<String> keys, boolean targetExists) throws SQLException {
        for (GenerationEnd end : ends) {
            TableDdl.execute(connection, sql.recordEnd(end));
        }
        for (Complete complete : complete(connection, sql)) {
            if (staleRows == StaleRows.KEEP) {
                TableDdl.execute(connection, sql.recordCompletion(complete.generation(), complete.start(), complete.partitions(), "keep", null));
                LOG.info("Generation {} of {} is complete (ends from all {} partitions); stale.rows=keep: no row deleted", complete.generation(),
                        dialect.table(target), complete.partitions());
                continue;
            }
            long deleted = 0;
            if (targetExists) {
                if (deleteMode == DeleteMode.HARD) {
                    List<String> keyColumns = keys.isEmpty() ? tombstoneKeys(connection, tombstones) : keys;
                    if (keyColumns.isEmpty()) {
                        LOG.warn("Generation {} of {} is complete, but its stale rows wait for the tombstone table {}, which the table's next"
                                + " batch with rows creates", complete.generation(), dialect.table(target), dialect.table(tombstones));
                        return;
                    }
                    TableDdl.execute(connection, sql.tombstoneStale(keyColumns, complete.generation(), complete.start()));
                }
                try (Statement statement = connection.createStatement()) {
                    deleted = statement.executeUpdate(sql.deleteStale(complete.generation(), complete.start()));
                }
            }
            TableDdl.execute(connection, sql.recordCompletion(complete.generation(), complete.start(), complete.partitions(), "delete", deleted));
            LOG.info("Generation {} of {} is complete (ends from all {} partitions, start point {}): {} stale rows deleted ({} delete)",
                    complete.generation(), dialect.table(target), complete.partitions(), complete.start() == null ? "none" : complete.start(),
                    deleted, deleteMode == DeleteMode.SOFT ? "soft" : "hard");
        }
    }

    /** A generation whose end is kept from every partition and that is not completed yet. */
    private record Complete(long generation, Long start, int partitions) {
    }

    private static List<Complete> complete(Connection connection, GenerationSql sql) throws SQLException {
        List<Complete> complete = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql.completeGenerations())) {
            while (rows.next()) {
                long generation = rows.getLong(1);
                long start = rows.getLong(2);
                Long startPoint = rows.wasNull() ? null : start;
                complete.add(new Complete(generation, startPoint, rows.getInt(3)));
            }
        }
        return complete;
    }

    /** The key columns of the tombstone table (its columns but the deleting version's), as its catalog lists them; empty when it does not exist. */
    private List<String> tombstoneKeys(Connection connection, TableId tombstones) throws SQLException {
        Set<String> version = new HashSet<>();
        meta.tombstoneNames().forEach(name -> version.add(dialect.catalogName(name)));
        return SchemaEvolution.columns(connection, tombstones).keySet().stream().filter(name -> !version.contains(name)).sorted().toList();
    }
}
