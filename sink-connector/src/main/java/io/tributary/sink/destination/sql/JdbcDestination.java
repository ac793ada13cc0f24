package io.tributary.sink.destination.sql;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.TruncateMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.WriteMode;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * A SQL warehouse: for each batch, in ONE transaction, load the staged rows into a temporary table,
 * take the dialect's per-table writer lock if it has one, create or evolve the table, and merge the
 * rows (or append them). A connection per batch, so a lost connection costs one retry and a
 * warehouse that locks its whole file holds that lock only while writing.
 */
public final class JdbcDestination implements DestinationWriter {

    /** Suffix of the hard-delete tombstone table next to each final table. */
    public static final String TOMBSTONE_SUFFIX = "__tributary_deleted";

    private final SqlDialect dialect;
    private final String url;
    private final Properties connectionProperties;
    private final WriteMode writeMode;
    private final DeleteMode deleteMode;
    private final boolean applyTruncates;
    private final MetadataColumns meta;
    private final TableDdl ddl;
    private final ApplyPlan applyPlan;
    private final Generations generations;

    public JdbcDestination(SqlDialect dialect, WarehouseSinkConfig config, Properties connectionProperties) {
        this(dialect, config, connectionProperties, ApplyPlan.STANDARD_MERGE);
    }

    public JdbcDestination(SqlDialect dialect, WarehouseSinkConfig config, Properties connectionProperties, ApplyPlan applyPlan) {
        this.applyPlan = applyPlan;
        this.dialect = dialect;
        this.url = config.warehouseUrl();
        this.connectionProperties = connectionProperties;
        this.writeMode = config.writeMode();
        this.deleteMode = config.deleteMode();
        this.applyTruncates = config.truncateMode() == TruncateMode.APPLY;
        this.meta = MetadataColumns.withPrefix(config.metadataColumnPrefix(), config.softDeleteColumn());
        this.ddl = new TableDdl(dialect, meta);
        this.generations = new Generations(dialect, ddl, meta, deleteMode, config.staleRows());
    }

    /** Connection properties with the user and password of the configuration. */
    public static Properties credentials(WarehouseSinkConfig config) {
        Properties properties = new Properties();
        if (config.warehouseUser() != null) {
            properties.setProperty("user", config.warehouseUser());
        }
        if (config.warehousePassword() != null) {
            properties.setProperty("password", config.warehousePassword().value());
        }
        return properties;
    }

    /** In merge mode: key marks are merged, ends of generations kept in the warehouse ({@link Generations}). */
    @Override
    public boolean keepsGenerations() {
        return writeMode == WriteMode.MERGE;
    }

    @Override
    public int maxConcurrentWrites() {
        return dialect.maxConcurrentWrites();
    }

    @Override
    public Outcome write(StagedBatch staged) throws Exception {
        Batch batch = staged.batch();
        boolean merge = writeMode == WriteMode.MERGE;
        boolean hard = merge && deleteMode == DeleteMode.HARD;
        int max = dialect.maxIdentifierBytes();
        String schema = Identifiers.fit(batch.table().schema(), max);
        TableId table = new TableId(schema, Identifiers.fit(batch.table().table(), max));
        TableId tombstones = suffixed(table, batch.table(), TOMBSTONE_SUFFIX, max);
        TableId generationsTable = suffixed(table, batch.table(), GenerationSql.SUFFIX, max);
        List<String> columns = batch.schema().columns().stream().map(Column::name).toList();
        List<String> keys = batch.schema().keyColumns().stream().map(Column::name).toList();
        MergeSql sql = new MergeSql(dialect, table, tombstones, columns, keys, meta, deleteMode).withUnchanged(batch.unchangedColumns())
                .withKeyRanges(batch.keyRanges());
        try (Connection connection = dialect.connect(url, connectionProperties)) {
            connection.setAutoCommit(false);
            try {
                // staging touches only a temporary table, so writers of one table load side by side
                ddl.createStage(connection, MergeSql.STAGE, batch.stagedColumns());
                dialect.loader().load(connection, MergeSql.STAGE, staged);
                // then one writer per table until commit; the DDL comes after the lock, or a writer
                // holding an ALTER's lock while waiting for it would deadlock with the one inside
                String lock = dialect.lockForApply(table);
                if (lock != null) {
                    TableDdl.execute(connection, lock);
                }
                // a batch of truncates only has no data columns: the table is neither created nor changed
                boolean rows = !batch.schema().columns().isEmpty();
                if (rows) {
                    ddl.ensureTable(connection, table, batch.schema(), merge, deleteMode == DeleteMode.SOFT);
                }
                if (hard && rows) {
                    ddl.ensureTombstones(connection, tombstones, batch.schema());
                }
                boolean generationState = merge && generations.prepare(connection, generationsTable, batch.generationEnds());
                if (applyTruncates) {
                    TableId truncates = suffixed(table, batch.table(), TruncateSql.SUFFIX, max);
                    ddl.ensureTruncates(connection, truncates);
                    boolean exists = rows || ddl.exists(connection, table);
                    for (String statement : new TruncateSql(dialect, table, truncates, meta).beforeMerge(batch.truncate(), exists, rows)) {
                        TableDdl.execute(connection, statement);
                    }
                }
                if (rows && merge) {
                    for (String statement : applyPlan.statements(sql, deleteMode)) {
                        TableDdl.execute(connection, statement);
                    }
                } else if (rows) {
                    TableDdl.execute(connection, sql.appendInsert());
                }
                if (generationState) {
                    generations.afterMerge(connection, new GenerationSql(dialect, table, tombstones, generationsTable, meta, deleteMode), table,
                            tombstones, generationsTable, batch.generationEnds(), keys, rows || ddl.exists(connection, table));
                }
                TableDdl.execute(connection, sql.dropTemp(MergeSql.STAGE));
                connection.commit();
                return Outcome.MERGED;
            } catch (Exception e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    /** The table next to {@code table} named after the batch's table {@code named} and {@code suffix}, within the dialect's {@code max} bytes. */
    private static TableId suffixed(TableId table, TableId named, String suffix, int max) {
        return new TableId(table.schema(), Identifiers.fit(named.table(), max == Integer.MAX_VALUE ? max : max - suffix.length()) + suffix);
    }

    @Override
    public ValueGuard valueGuard() {
        return dialect.valueGuard();
    }

    @Override
    public boolean isTransient(Throwable error) {
        return dialect.isTransient(error);
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is closed next; the transaction dies with it
        }
    }

    @Override
    public void close() {
    }
}
