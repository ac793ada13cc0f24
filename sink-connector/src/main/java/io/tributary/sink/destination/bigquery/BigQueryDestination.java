package io.tributary.sink.destination.bigquery;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.WriteMode;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.KeyRange;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.ValueGuard;
import io.tributary.sink.destination.WideningRefusedException;
import io.tributary.sink.destination.sql.JdbcDestination;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TypeWidening;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigQuery: per batch, create or evolve the table (DDL only when something is missing), append the
 * Avro file to this writer's staging table of that table with a load job, then run the merge script
 * (one transaction) and drop the staging table.
 *
 * <p>Each writer (one per task run) has staging tables of its own ({@code <table>__tributary_stage_<writer
 * id>}, expiring after a day), so a writer never merges or drops rows another writer staged: not after a
 * rebalance, when the old and the new owner of a partition overlap, nor after a crash. With
 * {@code bigquery.merge.interval.ms}, a batch loaded within the interval after the table's last merge is
 * only staged ({@link Outcome#DEFERRED}: its offsets are not committed yet); the next merge, when the
 * interval has passed, merges everything staged. A crash loses only staged, uncommitted rows: they are
 * replayed. The merge reduces the staging table to one row per key version (append mode: per Kafka
 * coordinates), so a batch loaded twice (a retried load) is merged once.
 */
public final class BigQueryDestination implements DestinationWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BigQueryDestination.class);
    static final String STAGE_INFIX = "__tributary_stage_";
    static final Duration STAGE_EXPIRATION = Duration.ofDays(1);

    private final BigQueryClient client;
    private final BigQuerySql sql;
    private final WarehouseSinkConfig config;
    private final BigQuerySettings settings;
    private final MetadataColumns meta;
    private final Clock clock;
    private final Duration mergeInterval;
    private final String writerId;
    /** Final table → the last batch staged and not yet merged (its schema drives the merge). */
    private final Map<TableId, Batch> staged = new ConcurrentHashMap<>();
    private final Map<TableId, Instant> lastMerge = new ConcurrentHashMap<>();
    /** Final table → the columns some staged, not yet merged version left out. */
    private final Map<TableId, Set<String>> unchanged = new ConcurrentHashMap<>();
    /** Final table → the integer key ranges of the staged, not yet merged rows (MergeSql#targetRange). */
    private final Map<TableId, List<KeyRange>> keyRanges = new ConcurrentHashMap<>();

    /** @param writerId names this writer's staging tables; unique per task run ({@link #newWriterId()}) */
    public BigQueryDestination(WarehouseSinkConfig config, BigQueryClient client, Clock clock, String writerId) {
        this.client = client;
        this.config = config;
        this.settings = BigQuerySettings.of(config);
        this.sql = new BigQuerySql(settings.project());
        this.meta = MetadataColumns.withPrefix(config.metadataColumnPrefix(), config.softDeleteColumn());
        this.clock = clock;
        this.mergeInterval = settings.mergeInterval();
        this.writerId = writerId;
    }

    /** A random writer id: 12 hex digits. */
    public static String newWriterId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** This writer's staging table of {@code table}, next to it. */
    TableId stageTable(TableId table) {
        return new TableId(table.schema(), table.table() + STAGE_INFIX + writerId);
    }

    @Override
    public Outcome write(StagedBatch batch) {
        TableId table = batch.batch().table();
        boolean merge = config.writeMode() == WriteMode.MERGE;
        ensureTable(table, batch.batch(), merge);
        TableId stage = stageTable(table);
        boolean fresh = !staged.containsKey(table);
        client.loadAvro(stage.schema(), stage.table(), source(batch));
        if (fresh) {
            client.query(sql.expireAfter(stage, STAGE_EXPIRATION));
        }
        staged.put(table, batch.batch());
        unchanged.computeIfAbsent(table, t -> new HashSet<>()).addAll(batch.batch().unchangedColumns());
        keyRanges.merge(table, batch.batch().keyRanges(), KeyRange::union);
        return mergeDeferred(table, false) ? Outcome.MERGED : Outcome.DEFERRED;
    }

    @Override
    public boolean mergeDeferred(TableId table, boolean force) {
        Batch last = staged.get(table);
        if (last == null) {
            return true;
        }
        Instant previous = lastMerge.get(table);
        Instant now = clock.instant();
        if (!force && previous != null && now.isBefore(previous.plus(mergeInterval))) {
            return false;
        }
        TableId stage = stageTable(table);
        List<String> columns = last.schema().columns().stream().map(Column::name).toList();
        List<String> keys = last.schema().keyColumns().stream().map(Column::name).toList();
        Set<String> leftOut = unchanged.getOrDefault(table, Set.of());
        MergeSql merge = new MergeSql(sql, table, tombstones(table), columns, keys, meta, config.deleteMode())
                .withUnchanged(columns.stream().filter(leftOut::contains).toList())
                .withKeyRanges(keyRanges.getOrDefault(table, List.of()));
        client.query(sql.mergeScript(merge, stage, table, last.stagedColumns(), config.deleteMode(),
                config.writeMode() == WriteMode.MERGE));
        client.deleteTable(stage.schema(), stage.table());
        staged.remove(table);
        unchanged.remove(table);
        keyRanges.remove(table);
        lastMerge.put(table, now);
        return true;
    }

    private BigQueryClient.AvroSource source(StagedBatch batch) {
        if (settings.hasGcsBucket()) {
            return BigQueryClient.AvroSource.gcs("gs://" + settings.gcsBucket() + "/" + batch.key());
        }
        return BigQueryClient.AvroSource.upload(batch.batch().file());
    }

    private void ensureTable(TableId table, Batch batch, boolean merge) {
        List<Column> columns = batch.schema().columns();
        boolean soft = merge && config.deleteMode() == DeleteMode.SOFT;
        Set<String> existing = client.columns(table.schema(), table.table());
        if (existing.isEmpty()) {
            client.query(sql.createTable(table, columns, meta, soft, options(batch)));
        } else {
            List<Column> missing = new ArrayList<>();
            List<Column> wanted = new ArrayList<>(columns);
            wanted.addAll(meta.staged()); // a table created before a metadata column existed gets it
            for (Column column : wanted) {
                if (!existing.contains(column.name())) {
                    missing.add(column);
                }
            }
            refuseWidening(table, columns);
            if (!missing.isEmpty()) {
                client.query(sql.addColumns(table, missing));
            }
        }
        if (merge && config.deleteMode() == DeleteMode.HARD) {
            TableId tombstones = tombstones(table);
            if (client.columns(tombstones.schema(), tombstones.table()).isEmpty()) {
                client.query(sql.createTombstones(tombstones, batch.schema().keyColumns(), meta));
            }
        }
    }

    /**
     * BigQuery changes a column's type only by rebuilding the table, which the sink does not do: a
     * column the records widened ({@link TypeWidening}) fails the batch with the remedy.
     */
    private void refuseWidening(TableId table, List<Column> columns) {
        Map<String, String> types = client.columnTypes(table.schema(), table.table());
        for (Column column : columns) {
            ColumnType stored = BigQuerySql.neutralType(types.get(column.name()));
            String wanted = BigQuerySql.typeName(column);
            ColumnType incoming = BigQuerySql.neutralType(wanted);
            if (stored != null && incoming != null && TypeWidening.of(stored, incoming).need() == TypeWidening.Need.WIDEN) {
                throw new WideningRefusedException(sql.table(table), column.name(), types.get(column.name()), wanted,
                        "BigQuery changes a column's type only by rebuilding the table, which the sink does not do");
            }
        }
    }

    private BigQuerySql.TableOptions options(Batch batch) {
        List<String> cluster = settings.clusterFields().isEmpty()
                ? batch.schema().keyColumns().stream().map(Column::name).limit(4).toList()
                : settings.clusterFields();
        if (config.writeMode() == WriteMode.APPEND && settings.clusterFields().isEmpty()) {
            cluster = List.of();
        }
        return new BigQuerySql.TableOptions(settings.partitionField(), settings.partitionType(), cluster);
    }

    private static TableId tombstones(TableId table) {
        return new TableId(table.schema(), table.table() + JdbcDestination.TOMBSTONE_SUFFIX);
    }

    /** What the client marked as worth another attempt ({@link TransientBigQueryException}). */
    @Override
    public boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientBigQueryException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public ValueGuard valueGuard() {
        return BigQuerySql.VALUES;
    }

    /**
     * Drops this writer's staging tables without merging them: their batches were never committed, so
     * whoever owns the partitions next replays them.
     */
    @Override
    public void close() {
        try {
            for (TableId table : new ArrayList<>(staged.keySet())) {
                TableId stage = stageTable(table);
                try {
                    client.deleteTable(stage.schema(), stage.table());
                } catch (RuntimeException e) {
                    LOG.warn("Could not drop staging table {} (it expires within {}): {}", stage, STAGE_EXPIRATION, e.getMessage());
                }
            }
            staged.clear();
            unchanged.clear();
            keyRanges.clear();
        } finally {
            client.close();
        }
    }
}
