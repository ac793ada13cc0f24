package io.tributary.sink.destination.bigquery;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.WriteMode;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.jdbc.JdbcDestination;
import io.tributary.sink.destination.jdbc.MergeSql;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BigQuery: per batch, create or evolve the table (DDL only when something is missing), append the
 * Avro file to the topic partition's staging table with a load job, then run the merge script (one
 * transaction) and drop the staging table.
 *
 * <p>{@code bigquery.merge.interval.ms} batches merges: within the interval after a partition's last
 * merge, a batch is only appended to its staging table, which lives in BigQuery and survives a crash;
 * the next merge (the next batch after the interval, or close()) merges everything staged. Merging a
 * staged version twice changes nothing, so replays stay exact.
 */
public final class BigQueryDestination implements DestinationWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BigQueryDestination.class);
    static final String STAGE_INFIX = "__tributary_stage_";

    private final BigQueryClient client;
    private final BigQuerySql sql;
    private final WarehouseSinkConfig config;
    private final MetadataColumns meta;
    private final Clock clock;
    private final Duration mergeInterval;
    /** Staging table → what its next merge needs; present while it holds unmerged rows. */
    private final Map<TableId, Pending> pending = new LinkedHashMap<>();
    private final Map<TableId, Instant> lastMerge = new LinkedHashMap<>();

    private record Pending(Batch batch) {
    }

    public BigQueryDestination(WarehouseSinkConfig config, BigQueryClient client, Clock clock) {
        this.client = client;
        this.config = config;
        this.sql = new BigQuerySql(config.bigQueryProject());
        this.meta = MetadataColumns.withPrefix(config.metadataColumnPrefix(), config.softDeleteColumn());
        this.clock = clock;
        this.mergeInterval = config.bigQueryMergeInterval();
    }

    /** The staging table of a batch's topic partition, next to the final table. */
    static TableId stageTable(Batch batch) {
        String topic = batch.partition().topic().replaceAll("[^A-Za-z0-9_]", "_");
        return new TableId(batch.table().schema(), batch.table().table() + STAGE_INFIX + topic + "_" + batch.partition().partition());
    }

    @Override
    public void write(StagedBatch staged) {
        Batch batch = staged.batch();
        TableId table = batch.table();
        boolean merge = config.writeMode() == WriteMode.MERGE;
        ensureTable(table, batch, merge);
        TableId stage = stageTable(batch);
        client.loadAvro(stage.schema(), stage.table(), source(staged));
        pending.put(stage, new Pending(batch));
        Instant now = clock.instant();
        Instant last = lastMerge.get(stage);
        if (last == null || !now.isBefore(last.plus(mergeInterval))) {
            mergePending(stage);
        }
        // other partitions whose interval has passed since their last merge
        for (TableId other : new ArrayList<>(pending.keySet())) {
            Instant otherLast = lastMerge.get(other);
            if (otherLast == null || !now.isBefore(otherLast.plus(mergeInterval))) {
                mergePending(other);
            }
        }
    }

    private BigQueryClient.AvroSource source(StagedBatch staged) {
        String bucket = config.bigQueryGcsBucket();
        if (bucket != null && !bucket.isBlank()) {
            String uri = staged.uri();
            String key = uri.substring(uri.indexOf('/', "s3://".length()) + 1);
            return BigQueryClient.AvroSource.gcs("gs://" + bucket + "/" + key);
        }
        return BigQueryClient.AvroSource.upload(staged.batch().file());
    }

    private void ensureTable(TableId table, Batch batch, boolean merge) {
        List<Column> columns = batch.schema().columns();
        boolean soft = merge && config.deleteMode() == DeleteMode.SOFT;
        Set<String> existing = client.columns(table.schema(), table.table());
        if (existing.isEmpty()) {
            client.query(sql.createTable(table, columns, meta, soft, options(batch)));
        } else {
            List<Column> missing = new ArrayList<>();
            for (Column column : columns) {
                if (!existing.contains(column.name())) {
                    missing.add(column);
                }
            }
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

    private BigQuerySql.TableOptions options(Batch batch) {
        List<String> cluster = config.bigQueryClusterFields().isEmpty()
                ? batch.schema().keyColumns().stream().map(Column::name).limit(4).toList()
                : config.bigQueryClusterFields();
        if (config.writeMode() == WriteMode.APPEND && config.bigQueryClusterFields().isEmpty()) {
            cluster = List.of();
        }
        return new BigQuerySql.TableOptions(config.bigQueryPartitionField(), config.bigQueryPartitionType(), cluster);
    }

    private static TableId tombstones(TableId table) {
        return new TableId(table.schema(), table.table() + JdbcDestination.TOMBSTONE_SUFFIX);
    }

    private void mergePending(TableId stage) {
        Pending p = pending.get(stage);
        if (p == null) {
            return;
        }
        Batch batch = p.batch();
        TableId table = batch.table();
        List<String> columns = batch.schema().columns().stream().map(Column::name).toList();
        List<String> keys = batch.schema().keyColumns().stream().map(Column::name).toList();
        MergeSql merge = new MergeSql(sql, table, tombstones(table), columns, keys, meta, config.deleteMode());
        client.query(sql.mergeScript(merge, stage, table, batch.stagedColumns(), config.deleteMode(),
                config.writeMode() == WriteMode.MERGE));
        pending.remove(stage);
        lastMerge.put(stage, clock.instant());
        client.deleteTable(stage.schema(), stage.table());
    }

    @Override
    public io.tributary.sink.destination.ValueGuard valueGuard() {
        return BigQuerySql.VALUES;
    }

    /** Merges what is still staged; what fails stays in its staging table for the next task. */
    @Override
    public void close() {
        try {
            for (TableId stage : new ArrayList<>(pending.keySet())) {
                try {
                    mergePending(stage);
                } catch (RuntimeException e) {
                    LOG.warn("Could not merge staging table {} on close; the next merge of its partition will: {}", stage, e.getMessage());
                }
            }
        } finally {
            client.close();
        }
    }
}
