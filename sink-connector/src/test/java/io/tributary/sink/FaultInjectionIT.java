package io.tributary.sink;

import static io.tributary.sink.TestRecords.ours;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.S3Server;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.engine.FlushHooks;
import io.tributary.sink.stage.S3Stager;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/**
 * A task killed between staging and merge, or between merge and offset commit, then replayed from
 * its committed offsets by a new task, leaves the table exactly as a clean run: no duplicate, no
 * lost row; the replay stages the same S3 objects. Real S3, PostgreSQL and DuckDB; the task is
 * driven directly so the crash point is exact.
 */
@DevStackTest
class FaultInjectionIT {

    private static final AtomicInteger TABLES = new AtomicInteger();

    /** Where to crash. */
    enum CrashPoint { AFTER_STAGE, AFTER_MERGE }

    @Test
    void postgresCrashBetweenStagingAndMerge(PostgresServer postgres, S3Server s3) throws Exception {
        run(CrashPoint.AFTER_STAGE, postgresConfig(postgres), postgres::connect, s3);
    }

    @Test
    void postgresCrashBetweenMergeAndOffsetCommit(PostgresServer postgres, S3Server s3) throws Exception {
        run(CrashPoint.AFTER_MERGE, postgresConfig(postgres), postgres::connect, s3);
    }

    @Test
    void duckDbCrashBetweenStagingAndMerge(DuckDbWarehouse duckdb, S3Server s3) throws Exception {
        run(CrashPoint.AFTER_STAGE, Map.of("destination", "duckdb", "warehouse.url", duckdb.jdbcUrl()), duckdb::connect, s3);
    }

    @Test
    void duckDbCrashBetweenMergeAndOffsetCommit(DuckDbWarehouse duckdb, S3Server s3) throws Exception {
        run(CrashPoint.AFTER_MERGE, Map.of("destination", "duckdb", "warehouse.url", duckdb.jdbcUrl()), duckdb::connect, s3);
    }

    private static Map<String, String> postgresConfig(PostgresServer postgres) {
        return Map.of("destination", "postgres", "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(),
                "warehouse.password", postgres.password());
    }

    private void run(CrashPoint point, Map<String, String> destination, WarehouseTables.Connector warehouse, S3Server s3)
            throws Exception {
        String table = "faults_" + TABLES.incrementAndGet() + "_" + (System.nanoTime() % 100000);
        String topic = "shop.public." + table;
        List<List<SinkRecord>> batches = batches(topic);
        Map<String, String> props = new HashMap<>(destination);
        props.put("topics", topic);
        props.put("warehouse.schema", "faults");
        props.put("delete.mode", "hard");
        props.put("staging.s3.archive", "true"); // PostgreSQL and DuckDB read the local file: upload anyway, to compare the objects

        List<String> firstRunUris = new ArrayList<>();
        FlushHooks crashOnSecondBatch = new FlushHooks() {
            @Override
            public void afterStage(Batch batch, String uri) {
                firstRunUris.add(uri);
                if (point == CrashPoint.AFTER_STAGE && batch.firstRange().first() == 10) {
                    throw new IllegalStateException("injected crash after staging");
                }
            }

            @Override
            public void afterMerge(Batch batch) {
                if (point == CrashPoint.AFTER_MERGE && batch.firstRange().first() == 10) {
                    throw new IllegalStateException("injected crash after merge");
                }
            }
        };
        TopicPartition tp = new TopicPartition(topic, 0);
        long committed;
        TaskDriver first = new TaskDriver(props, new S3Stager(s3.newClient(), s3.bucket(), "faults"), crashOnSecondBatch);
        try {
            first.batch(batches.get(0));
            assertThrows(RuntimeException.class, () -> first.batch(batches.get(1)));
            committed = first.committed.get(tp).offset();
        } finally {
            first.task.stop();
        }
        assertEquals(10L, committed, "only the first batch's offsets were committed");

        List<String> replayUris = new ArrayList<>();
        FlushHooks record = new FlushHooks() {
            @Override
            public void afterStage(Batch batch, String uri) {
                replayUris.add(uri);
            }
        };
        try (TaskDriver replay = new TaskDriver(props, new S3Stager(s3.newClient(), s3.bucket(), "faults"), record)) {
            for (List<SinkRecord> batch : batches) {
                List<SinkRecord> remaining = batch.stream().filter(r -> r.kafkaOffset() >= committed).toList();
                if (!remaining.isEmpty()) {
                    replay.batch(remaining);
                }
            }
            assertEquals(30L, replay.committed.get(tp).offset());
        }
        assertEquals(firstRunUris.get(1), replayUris.get(0), "the replay staged the same object");
        assertEquals(expected(), names(warehouse, "\"faults\".\"public_" + table + "\""));
    }

    /** Three batches of 10: inserts; updates; late older versions, deletes and newer updates. */
    private static List<List<SinkRecord>> batches(String topic) {
        List<SinkRecord> b1 = new ArrayList<>();
        List<SinkRecord> b2 = new ArrayList<>();
        List<SinkRecord> b3 = new ArrayList<>();
        for (int id = 1; id <= 10; id++) {
            b1.add(ours(topic, 0, id - 1, id, "v1", 100 + id, "r"));
            b2.add(ours(topic, 0, 9 + id, id, "v2", 200 + id, "u"));
            if (id <= 5) {
                b3.add(ours(topic, 0, 19 + id, id, "late", 150 + id, "u"));
            } else if (id <= 7) {
                b3.add(ours(topic, 0, 19 + id, id, "gone", 300 + id, "d"));
            } else {
                b3.add(ours(topic, 0, 19 + id, id, "v3", 400 + id, "u"));
            }
        }
        return List.of(b1, b2, b3);
    }

    private static Map<Long, String> expected() {
        Map<Long, String> rows = new TreeMap<>();
        for (long id = 1; id <= 10; id++) {
            if (id <= 5) {
                rows.put(id, "v2");
            } else if (id > 7) {
                rows.put(id, "v3");
            }
        }
        return rows;
    }

    private static Map<Long, String> names(WarehouseTables.Connector warehouse, String table) throws SQLException {
        Map<Long, String> rows = new TreeMap<>();
        try (Connection c = warehouse.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name FROM " + table)) {
            while (rs.next()) {
                assertTrue(rows.put(rs.getLong(1), rs.getString(2)) == null, "two rows with id " + rs.getLong(1));
            }
        }
        return rows;
    }
}
