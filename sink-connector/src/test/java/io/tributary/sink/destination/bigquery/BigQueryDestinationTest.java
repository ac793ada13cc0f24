package io.tributary.sink.destination.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.DeleteMode;
import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.KeyRange;
import io.tributary.sink.buffer.TestBatches;
import io.tributary.sink.destination.DestinationWriter.Outcome;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.destination.sql.MergeSql;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.Encoding;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BigQueryDestinationTest {

    private static final MetadataColumns META = MetadataColumns.withPrefix("__tributary_", "__tributary_deleted_at");
    private static final BigQuerySql SQL = new BigQuerySql("proj");

    /** Records every call; tables "exist" once created. */
    static final class FakeClient implements BigQueryClient {
        final List<String> calls = new ArrayList<>();
        final Map<String, Set<String>> tables = new HashMap<>();
        /** Column types of tables that have them set (by the test). */
        final Map<String, Map<String, String>> types = new HashMap<>();
        /** Rows (batch file names) per table: loads add, merges move a staging table's rows into the final table. */
        final Map<String, List<String>> rows = new HashMap<>();
        Runnable duringMerge = () -> { };
        boolean dataset = true;
        String jobsProblem;

        @Override
        public Map<String, String> columnTypes(String dataset, String table) {
            return types.getOrDefault(dataset + "." + table, Map.of());
        }

        @Override
        public Set<String> columns(String dataset, String table) {
            return tables.getOrDefault(dataset + "." + table, Set.of());
        }

        @Override
        public boolean datasetExists(String name) {
            return dataset;
        }

        @Override
        public void loadAvro(String dataset, String table, AvroSource source) {
            calls.add("load " + dataset + "." + table + " <- " + (source.gcsUri() != null ? source.gcsUri() : "upload " + source.localFile()));
            rows.computeIfAbsent(dataset + "." + table, t -> new ArrayList<>())
                    .add(source.localFile() != null ? source.localFile().getFileName().toString() : source.gcsUri());
        }

        @Override
        public void query(String sql) {
            calls.add(sql);
            java.util.regex.Matcher from = java.util.regex.Pattern.compile("FROM `proj`\\.`(\\w+)`\\.`(\\w+__tributary_stage_\\w+)` s\\)")
                    .matcher(sql);
            java.util.regex.Matcher into = java.util.regex.Pattern.compile("(?:MERGE|INSERT) INTO `proj`\\.`(\\w+)`\\.`(\\w+)`").matcher(sql);
            if (sql.startsWith("BEGIN TRANSACTION") && from.find() && into.find()) {
                List<String> staged = new ArrayList<>(rows.getOrDefault(from.group(1) + "." + from.group(2), List.of()));
                duringMerge.run();
                rows.computeIfAbsent(into.group(1) + "." + into.group(2), t -> new ArrayList<>()).addAll(staged);
            }
        }

        @Override
        public void deleteTable(String dataset, String table) {
            calls.add("delete " + dataset + "." + table);
            rows.remove(dataset + "." + table);
        }

        @Override
        public String jobsProblem() {
            return jobsProblem;
        }

        @Override
        public void close() {
            calls.add("close");
        }
    }

    static final class Clocks extends Clock {
        Instant now = Instant.parse("2024-01-02T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private static WarehouseSinkConfig config(String... kv) {
        Map<String, String> props = new HashMap<>(Map.of("destination", "bigquery", "bigquery.project", "proj", "warehouse.schema", "shop"));
        for (int i = 0; i < kv.length; i += 2) {
            props.put(kv[i], kv[i + 1]);
        }
        return new WarehouseSinkConfig(props);
    }

    private static final TableSchema SCHEMA = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(), Column.of("name", Kind.STRING)));
    private static final TableSchema WITH_EMAIL = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(), Column.of("name", Kind.STRING),
            Column.of("email", Kind.STRING)));

    private static StagedBatch batch(TableSchema schema, int partition, long first) {
        List<Column> staged = new ArrayList<>(schema.columns());
        staged.addAll(META.staged());
        Batch batch = TestBatches.of(new TableId("shop", "items"), "shop.public.items", partition, first, first + 9, schema, staged,
                Path.of("/buffer/b" + first + ".avro"), 0);
        String key = "tributary/shop.items/2024/01/02/b" + first + ".avro";
        return new StagedBatch(batch, key, "s3://stage-bucket/" + key);
    }

    private static BigQueryDestination writer(WarehouseSinkConfig config, FakeClient client, Clock clock, String id) {
        return new BigQueryDestination(config, client, clock, id);
    }

    @Test
    void typeMapping() {
        Map<String, String> actual = new LinkedHashMap<>();
        List<Column> columns = List.of(Column.of("bool", Kind.BOOLEAN), Column.of("i16", Kind.INT16), Column.of("i64", Kind.INT64),
                Column.of("f32", Kind.FLOAT32), new Column("num", ColumnType.decimal(10, 2), Encoding.AS_IS, false, null),
                new Column("big", ColumnType.decimal(38, 10), Encoding.AS_IS, false, null),
                new Column("wide", ColumnType.decimal(80, 2), Encoding.AS_IS, false, null),
                new Column("any", ColumnType.decimal(0, 4), Encoding.AS_IS, false, null), Column.of("vdec", Kind.VARIABLE_DECIMAL),
                Column.of("s", Kind.STRING), Column.of("json", Kind.JSON), Column.of("uuid", Kind.UUID), Column.of("bytes", Kind.BYTES),
                Column.of("date", Kind.DATE), Column.of("time", Kind.TIME), Column.of("dur", Kind.DURATION), Column.of("ts", Kind.TIMESTAMP),
                Column.of("tstz", Kind.TIMESTAMPTZ), new Column("arr", ColumnType.of(Kind.ARRAY), Encoding.AS_IS, false, Column.of("e", Kind.STRING)));
        columns.forEach(c -> actual.put(c.name(), BigQuerySql.typeName(c)));
        String[] types = {"BOOL", "INT64", "INT64", "FLOAT64", "NUMERIC(10, 2)", "BIGNUMERIC(38, 10)", "STRING", "BIGNUMERIC", "STRING",
            "STRING", "JSON", "STRING", "BYTES", "DATE", "TIME", "INTERVAL", "DATETIME", "TIMESTAMP", "ARRAY<STRING>"};
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            expected.put(columns.get(i).name(), types[i]);
        }
        assertEquals(expected, actual);
        assertEquals("`proj`.`shop`.`it\\`s`", SQL.table(new TableId("shop", "it`s")));
    }

    @Test
    void createdTablesArePartitionedAndClustered() {
        List<Column> columns = List.of(Column.of("id", Kind.INT64).asKey(), Column.of("created", Kind.TIMESTAMPTZ), Column.of("day", Kind.DATE));
        assertEquals("CREATE TABLE IF NOT EXISTS `proj`.`shop`.`items` (`id` INT64, `created` TIMESTAMP, `day` DATE,"
                + " `__tributary_position` INT64, `__tributary_op` STRING, `__tributary_topic` STRING, `__tributary_partition` INT64,"
                + " `__tributary_offset` INT64, `__tributary_unchanged` STRING, `__tributary_generation` INT64, `__tributary_synced_at` TIMESTAMP) PARTITION BY TIMESTAMP_TRUNC(`created`, DAY) CLUSTER BY `id`",
                SQL.createTable(new TableId("shop", "items"), columns, META, false,
                        new BigQuerySql.TableOptions("created", "DAY", List.of("id"))));
        assertTrue(SQL.createTable(new TableId("shop", "items"), columns, META, true, new BigQuerySql.TableOptions("day", "MONTH", List.of()))
                .endsWith("`__tributary_synced_at` TIMESTAMP, `__tributary_deleted_at` TIMESTAMP) PARTITION BY DATE_TRUNC(`day`, MONTH)"));
        assertTrue(SQL.createTable(new TableId("shop", "items"), columns, META, false,
                new BigQuerySql.TableOptions("__tributary_synced_at", "HOUR", List.of())).endsWith("PARTITION BY TIMESTAMP_TRUNC(`__tributary_synced_at`, HOUR)"));
    }

    @Test
    void mergeScriptIsOneTransactionOverTemporaryTables() {
        List<Column> staged = new ArrayList<>(List.of(Column.of("id", Kind.INT64).asKey(), Column.of("doc", Kind.JSON), Column.of("odd name", Kind.STRING),
                Column.of("took", Kind.DURATION)));
        staged.addAll(META.staged());
        TableId target = new TableId("shop", "items");
        MergeSql merge = new MergeSql(SQL, target, new TableId("shop", "items__tributary_deleted"), List.of("id", "doc", "odd name", "took"),
                List.of("id"), META, DeleteMode.HARD);
        String script = SQL.mergeScript(merge, new TableId("shop", "items__tributary_stage_t_0"), target, staged, DeleteMode.HARD, true);
        List<String> statements = List.of(script.split(";\n"));
        assertEquals("BEGIN TRANSACTION", statements.get(0));
        // a duration is staged as [-]H:MM:SS[.f]: the time part of the canonical interval text [-]Y-M [-]D [-]H:M:S[.F]
        assertEquals("CREATE TEMP TABLE `tributary_stage` AS SELECT `id` AS `id`, PARSE_JSON(`doc`) AS `doc`, `f2` AS `odd name`,"
                + " CAST(CONCAT('0-0 0 ', `took`) AS INTERVAL) AS `took`, `__tributary_position` AS `__tributary_position`, `__tributary_op` AS `__tributary_op`, `__tributary_topic` AS"
                + " `__tributary_topic`, `__tributary_partition` AS `__tributary_partition`, `__tributary_offset` AS `__tributary_offset`,"
                + " `__tributary_unchanged` AS `__tributary_unchanged`, `__tributary_generation` AS `__tributary_generation` FROM (SELECT * FROM (SELECT s.*, ROW_NUMBER() OVER (PARTITION BY `__tributary_topic`, `__tributary_partition`,"
                + " `__tributary_offset`) AS tributary_copy FROM `proj`.`shop`.`items__tributary_stage_t_0` s) WHERE tributary_copy = 1)",
                statements.get(1), "a batch loaded twice (a retried load) is taken once");
        assertTrue(statements.get(2).startsWith("CREATE TEMP TABLE `tributary_latest` AS SELECT"));
        assertTrue(statements.get(3).startsWith("DELETE FROM `tributary_latest` WHERE EXISTS (SELECT 1 FROM `proj`.`shop`.`items__tributary_deleted` t"));
        assertTrue(statements.get(4).startsWith("MERGE INTO `proj`.`shop`.`items` AS f USING `tributary_latest` AS l ON f.`id` = l.`id`"
                + " WHEN MATCHED AND l.`__tributary_op` = 'k' THEN UPDATE SET `__tributary_generation` = CASE WHEN"), statements.get(4));
        assertTrue(statements.get(4).contains(" END WHEN MATCHED AND l.`__tributary_op` = 'd' AND ("), statements.get(4));
        assertTrue(statements.get(5).startsWith("MERGE INTO `proj`.`shop`.`items__tributary_deleted` AS t USING"));
        assertTrue(statements.get(6).startsWith("DELETE FROM `proj`.`shop`.`items__tributary_deleted` AS d WHERE EXISTS"));
        assertEquals("DROP TABLE IF EXISTS `tributary_latest`", statements.get(7));
        assertEquals("DROP TABLE `tributary_stage`", statements.get(8));
        assertEquals("COMMIT TRANSACTION;", statements.get(9));
    }

    /** Values left out: GoogleSQL has no POSITION, so the marker is searched with STRPOS. */
    @Test
    void valuesLeftOutAreFoundWithStrpos() {
        MergeSql merge = new MergeSql(SQL, new TableId("shop", "items"), new TableId("shop", "items__tributary_deleted"), List.of("id", "body"),
                List.of("id"), META, DeleteMode.HARD).withUnchanged(List.of("body"));
        List<String> statements = io.tributary.sink.destination.sql.ApplyPlan.STANDARD_MERGE.statements(merge, DeleteMode.HARD);
        assertTrue(statements.get(0).contains("NOT (s.`__tributary_unchanged` IS NOT NULL AND STRPOS(s.`__tributary_unchanged`, ',body,') > 0)"),
                statements.get(0));
        assertTrue(statements.get(2).startsWith("UPDATE `tributary_latest` SET `body` = CASE WHEN (`tributary_latest`.`__tributary_unchanged`"
                + " IS NOT NULL AND STRPOS(`tributary_latest`.`__tributary_unchanged`, ',body,') > 0) THEN f.`body`"), statements.get(2));
        assertTrue(statements.get(2).contains(" FROM `proj`.`shop`.`items` AS f WHERE f.`id` = `tributary_latest`.`id`"), statements.get(2));
        statements.forEach(sql -> assertFalse(sql.contains("POSITION("), sql));
    }

    /**
     * BigQuery changes a type only by rebuilding the table: a widened column fails the batch naming table,
     * column, both types and the remedy; a type that already holds the values (INT64 for any integer) is no change.
     */
    @Test
    void aWidenedColumnIsRefusedWithTheRemedy() {
        FakeClient client = new FakeClient();
        BigQueryDestination destination = writer(config(), client, new Clocks(), "w1");
        Set<String> existing = new HashSet<>(Set.of("id", "amount", "n"));
        existing.addAll(META.stagedNames());
        existing.add(META.syncedAt());
        client.tables.put("shop.items", existing);
        client.types.put("shop.items", Map.of("id", "INT64", "amount", "NUMERIC(6, 2)", "n", "INT64"));
        TableSchema narrowInt = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(),
                new Column("amount", io.tributary.sink.schema.ColumnType.decimal(6, 2), io.tributary.sink.schema.Encoding.AS_IS, false, null),
                Column.of("n", Kind.INT16)));
        destination.write(batch(narrowInt, 0, 0));
        TableSchema wide = new TableSchema(List.of(Column.of("id", Kind.INT64).asKey(),
                new Column("amount", io.tributary.sink.schema.ColumnType.decimal(14, 4), io.tributary.sink.schema.Encoding.AS_IS, false, null),
                Column.of("n", Kind.INT64)));
        io.tributary.sink.destination.WideningRefusedException refused = org.junit.jupiter.api.Assertions.assertThrows(
                io.tributary.sink.destination.WideningRefusedException.class, () -> destination.write(batch(wide, 0, 10)));
        assertEquals("Cannot widen column amount of table `proj`.`shop`.`items` from NUMERIC(6, 2) to NUMERIC(14, 4): BigQuery changes a"
                + " column's type only by rebuilding the table, which the sink does not do. Remedy: change the column to NUMERIC(14, 4) yourself"
                + " (or recreate the table with it), then restart the task; the batch is written again (docs/sink.md, Type changes)",
                refused.getMessage());
    }

    @Test
    void createLoadMergeDropThenEvolve() {
        FakeClient client = new FakeClient();
        BigQueryDestination destination = writer(config("delete.mode", "soft"), client, new Clocks(), "w1");
        assertEquals(Outcome.MERGED, destination.write(batch(SCHEMA, 0, 0)));
        assertEquals(5, client.calls.size(), String.join("\n", client.calls));
        assertTrue(client.calls.get(0).startsWith("CREATE TABLE IF NOT EXISTS `proj`.`shop`.`items` (`id` INT64, `name` STRING,"));
        assertTrue(client.calls.get(0).endsWith("`__tributary_deleted_at` TIMESTAMP) CLUSTER BY `id`"), client.calls.get(0));
        assertEquals("load shop.items__tributary_stage_w1 <- upload /buffer/b0.avro", client.calls.get(1));
        assertEquals("ALTER TABLE `proj`.`shop`.`items__tributary_stage_w1` SET OPTIONS (expiration_timestamp ="
                + " TIMESTAMP_ADD(CURRENT_TIMESTAMP(), INTERVAL 86400 SECOND))", client.calls.get(2));
        assertTrue(client.calls.get(3).startsWith("BEGIN TRANSACTION;\nCREATE TEMP TABLE `tributary_stage`"));
        assertTrue(client.calls.get(3).contains("THEN UPDATE SET `name` = CASE WHEN (COALESCE(l.`tributary_upsert_position`, -9223372036854775807) >"),
                "soft delete: " + client.calls.get(3));
        assertEquals("delete shop.items__tributary_stage_w1", client.calls.get(4));
        assertEquals(List.of("b0.avro"), client.rows.get("shop.items"));

        client.calls.clear();
        client.tables.put("shop.items", new HashSet<>(Set.of("id", "name", "__tributary_position", "__tributary_op", "__tributary_topic",
                "__tributary_partition", "__tributary_offset", "__tributary_synced_at")));
        destination.write(batch(WITH_EMAIL, 0, 10));
        assertEquals("ALTER TABLE `proj`.`shop`.`items` ADD COLUMN IF NOT EXISTS `email` STRING, ADD COLUMN IF NOT EXISTS"
                + " `__tributary_unchanged` STRING, ADD COLUMN IF NOT EXISTS `__tributary_generation` INT64", client.calls.get(0),
                "a table of an earlier version gets the new metadata columns too");
        assertEquals(5, client.calls.size());
        client.calls.clear();
        destination.close();
        assertEquals(List.of("close"), client.calls);
    }

    @Test
    void hardDeletesCreateTheTombstoneTableAndLoadsReadGcsWhenConfigured() {
        FakeClient client = new FakeClient();
        BigQueryDestination destination = writer(config("bigquery.gcs.bucket", "gcs-stage", "bigquery.cluster.fields", "name"), client,
                new Clocks(), "w1");
        destination.write(batch(SCHEMA, 1, 0));
        assertTrue(client.calls.get(0).endsWith("CLUSTER BY `name`"), client.calls.get(0));
        assertEquals("CREATE TABLE IF NOT EXISTS `proj`.`shop`.`items__tributary_deleted` (`id` INT64, `__tributary_position` INT64,"
                + " `__tributary_topic` STRING, `__tributary_partition` INT64, `__tributary_offset` INT64)", client.calls.get(1));
        assertEquals("load shop.items__tributary_stage_w1 <- gs://gcs-stage/tributary/shop.items/2024/01/02/b0.avro", client.calls.get(2));
    }

    @Test
    void theMergeIntervalDefersBatchesUntilOneMergeTakesThemAll() throws Exception {
        FakeClient client = new FakeClient();
        client.tables.put("shop.items", Set.of("id", "name"));
        client.tables.put("shop.items__tributary_deleted", Set.of("id"));
        Clocks clock = new Clocks();
        BigQueryDestination destination = writer(config("bigquery.merge.interval.ms", "600000"), client, clock, "w1");
        assertEquals(Outcome.MERGED, destination.write(batch(SCHEMA, 0, 0)), "the first batch merges at once");
        clock.now = clock.now.plusSeconds(60);
        assertEquals(Outcome.DEFERRED, destination.write(batch(SCHEMA, 0, 10)));
        assertEquals(Outcome.DEFERRED, destination.write(batch(SCHEMA, 1, 20)));
        assertEquals(1, merges(client), "inside the interval batches are only loaded");
        assertFalse(destination.mergeDeferred(new TableId("shop", "items"), false), "not due yet");
        clock.now = clock.now.plusSeconds(600);
        assertTrue(destination.mergeDeferred(new TableId("shop", "items"), false), "due: one merge for both");
        assertEquals(2, merges(client));
        assertEquals(List.of("b0.avro", "b10.avro", "b20.avro"), client.rows.get("shop.items"));
        assertEquals(Outcome.DEFERRED, destination.write(batch(SCHEMA, 0, 30)));
        client.calls.clear();
        destination.close();
        assertEquals(List.of("delete shop.items__tributary_stage_w1", "close"), client.calls,
                "close drops what is staged without merging it: it was never committed, the next owner replays it");
        assertEquals(3, client.rows.get("shop.items").size());
    }

    /** Deferred batches merge in one script: a column any of them left out is filled, though the last batch left nothing out. */
    @Test
    void oneMergeOfDeferredBatchesFillsWhatAnyOfThemLeftOut() {
        FakeClient client = new FakeClient();
        Clocks clock = new Clocks();
        BigQueryDestination destination = writer(config("bigquery.merge.interval.ms", "600000"), client, clock, "w1");
        destination.write(batch(SCHEMA, 0, 0));
        clock.now = clock.now.plusSeconds(60);
        Batch first = batch(SCHEMA, 0, 10).batch();
        Batch leftOut = new Batch(first.table(), first.topic(), first.ranges(), first.schema(), first.stagedColumns(), first.file(), first.records(),
                first.bytes(), first.firstTimestamp(), List.of("name"));
        assertEquals(Outcome.DEFERRED, destination.write(new StagedBatch(leftOut, "k1", "s3://b/k1")));
        assertEquals(Outcome.DEFERRED, destination.write(batch(SCHEMA, 0, 20)));
        client.calls.clear();
        assertTrue(destination.mergeDeferred(new TableId("shop", "items"), true));
        assertTrue(client.calls.get(0).contains("UPDATE `tributary_latest` SET `name` = CASE WHEN"), client.calls.get(0));
        destination.write(batch(SCHEMA, 0, 30));
        assertFalse(client.calls.get(client.calls.size() - 2).contains("UPDATE `tributary_latest` SET"), "merged batches are forgotten");
    }

    /**
     * After a rebalance the old and the new owner of a partition overlap: the old one merges and drops its
     * staging table while the new one loads the replayed batch and the next. Neither may lose the other's rows.
     */
    @Test
    void twoWritersOfOneTableNeverDropEachOthersStagedRows() throws Exception {
        FakeClient client = new FakeClient();
        client.tables.put("shop.items", Set.of("id", "name"));
        client.tables.put("shop.items__tributary_deleted", Set.of("id"));
        Clocks clock = new Clocks();
        WarehouseSinkConfig config = config("bigquery.merge.interval.ms", "600000");
        BigQueryDestination oldOwner = writer(config, client, clock, "old");
        BigQueryDestination newOwner = writer(config, client, clock, "new");
        oldOwner.write(batch(SCHEMA, 0, 0));
        clock.now = clock.now.plusSeconds(1);
        assertEquals(Outcome.DEFERRED, oldOwner.write(batch(SCHEMA, 0, 10)));
        assertEquals(Outcome.MERGED, newOwner.write(batch(SCHEMA, 0, 10)), "the replay of the uncommitted batch");
        clock.now = clock.now.plusSeconds(1);
        client.duringMerge = () -> {
            try {
                newOwner.write(batch(SCHEMA, 0, 20)); // loaded while the old owner's merge runs
            } catch (RuntimeException e) {
                throw e;
            }
            client.duringMerge = () -> { };
        };
        assertTrue(oldOwner.mergeDeferred(new TableId("shop", "items"), true));
        oldOwner.close();
        assertTrue(newOwner.mergeDeferred(new TableId("shop", "items"), true));
        assertTrue(client.rows.get("shop.items").contains("b20.avro"), "the new owner's batch survived: " + client.rows);
    }

    /** Deferred batches merge at once: the merge bounds the target by the union of their key ranges, the next merge by its own. */
    @Test
    void deferredBatchesMergeWithinTheUnionOfTheirKeyRanges() {
        FakeClient client = new FakeClient();
        client.tables.put("shop.items", Set.of("id", "name"));
        client.tables.put("shop.items__tributary_deleted", Set.of("id"));
        Clocks clock = new Clocks();
        BigQueryDestination destination = writer(config("bigquery.merge.interval.ms", "600000"), client, clock, "w1");
        destination.write(ranged(batch(SCHEMA, 0, 0), 0, 9));
        clock.now = clock.now.plusSeconds(60);
        destination.write(ranged(batch(SCHEMA, 0, 10), 100, 109));
        destination.write(ranged(batch(SCHEMA, 1, 20), 50, 59));
        clock.now = clock.now.plusSeconds(600);
        assertTrue(destination.mergeDeferred(new TableId("shop", "items"), false));
        clock.now = clock.now.plusSeconds(600);
        destination.write(ranged(batch(SCHEMA, 0, 30), 7, 8));
        List<String> merges = client.calls.stream().filter(c -> c.startsWith("BEGIN TRANSACTION")).toList();
        assertEquals(3, merges.size(), client.calls.toString());
        assertTrue(merges.get(0).contains("ON f.`id` = l.`id` AND f.`id` BETWEEN 0 AND 9 WHEN"), merges.get(0));
        assertTrue(merges.get(1).contains("ON f.`id` = l.`id` AND f.`id` BETWEEN 50 AND 109 WHEN"), merges.get(1));
        assertTrue(merges.get(2).contains("ON f.`id` = l.`id` AND f.`id` BETWEEN 7 AND 8 WHEN"), merges.get(2));
    }

    private static StagedBatch ranged(StagedBatch staged, long min, long max) {
        Batch b = staged.batch();
        return new StagedBatch(new Batch(b.table(), b.topic(), b.ranges(), b.schema(), b.stagedColumns(), b.file(), b.records(), b.bytes(),
                b.firstTimestamp(), b.unchangedColumns(), b.truncate(), b.generationEnds(), List.of(new KeyRange("id", min, max))), staged.key(),
                staged.uri());
    }

    private static long merges(FakeClient client) {
        return client.calls.stream().filter(c -> c.startsWith("BEGIN TRANSACTION")).count();
    }

    @Test
    void validateNamesWhatIsMissing() {
        FakeClient client = new FakeClient();
        assertEquals(Map.of(), BigQueryDestinationProvider.validate(config(), c -> client));
        Map<String, String> props = new HashMap<>(Map.of("destination", "bigquery", "warehouse.schema", "my-dataset",
                "bigquery.credentials.file", "/nonexistent/key.json", "bigquery.cluster.fields", "a,b,c,d,e"));
        Map<String, String> errors = BigQueryDestinationProvider.validate(new WarehouseSinkConfig(props), c -> client);
        assertTrue(errors.get("bigquery.project").contains("bigquery.project"));
        assertTrue(errors.get("bigquery.credentials.file").contains("/nonexistent/key.json"));
        assertTrue(errors.get("warehouse.schema").contains("letters, digits and underscores"));
        assertTrue(errors.get("bigquery.cluster.fields").contains("at most 4"));
        client.jobsProblem = "Access Denied: Project proj: User does not have bigquery.jobs.create permission";
        assertTrue(BigQueryDestinationProvider.validate(config(), c -> client).get("bigquery.project").contains("roles/bigquery.jobUser"));
        client.jobsProblem = null;
        client.dataset = false;
        assertEquals("dataset proj.shop does not exist or the credentials may not see it (create it; grant roles/bigquery.dataEditor"
                + " on the dataset)", BigQueryDestinationProvider.validate(config(), c -> client).get("warehouse.schema"));
    }

    @Test
    void theWriterCallsWhatTheClientMarkedTransient() {
        BigQueryDestination destination = writer(config(), new FakeClient(), Clock.systemUTC(), "w1");
        assertTrue(destination.isTransient(new IllegalStateException("write failed", new TransientBigQueryException("rateLimitExceeded", null))));
        assertFalse(destination.isTransient(new IllegalStateException("BigQuery query failed: invalidQuery: Unrecognized name: foo")));
    }

    @Test
    void retriableReasons() {
        assertTrue(GoogleBigQueryClient.retriable("rateLimitExceeded", "Exceeded rate limits"));
        assertTrue(GoogleBigQueryClient.retriable("invalidQuery",
                "Could not serialize access to table proj:shop.items due to concurrent update"));
        assertFalse(GoogleBigQueryClient.retriable("invalidQuery", "Unrecognized name: foo"));
        assertFalse(GoogleBigQueryClient.retriable("accessDenied", "Access Denied"));
    }
}
