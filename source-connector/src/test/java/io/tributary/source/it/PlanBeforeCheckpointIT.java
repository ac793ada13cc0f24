package io.tributary.source.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.ChunkedJdbcSourceTask;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.work.TaskAssignment;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/**
 * Issue 10 item 9: a task never emits a checkpoint of a table before the table's plan is stored in
 * the offsets. (Checkpoints committed without their plan were lost for good: the next start made a
 * new plan with a new start point and ignored them, skipping every change in between.) The old task,
 * handed the plan in its configuration, polled at once: 5 checkpoints with nothing stored.
 */
@DevStackTest
class PlanBeforeCheckpointIT {

    @Test
    void noIncrementalCheckpointBeforeThePlanIsStored(PostgresServer postgres) throws Exception {
        assertTrue(checkpoints(postgres, false) == 0, "incremental checkpoints emitted while the plan of public.pbc was not stored");
        assertTrue(checkpoints(postgres, true) == 5, "once the plan is stored the table is polled");
    }

    private static long checkpoints(PostgresServer postgres, boolean planStored) throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pbc");
            s.execute("CREATE TABLE pbc (id int PRIMARY KEY, updated_at timestamptz NOT NULL DEFAULT now() - interval '1 hour')");
            s.execute("INSERT INTO pbc (id) SELECT generate_series(1, 5)");
        }
        TablePlan plan = new TablePlan("public.pbc", "plan-1", List.of("id"), List.of(), List.of("updated_at"), null, 5, "now");
        TaskAssignment assignment = new TaskAssignment(List.of(new TaskAssignment.TableWork("public.pbc", false, "plan-1", List.of(), true)));
        Map<String, String> props = new HashMap<>(Map.of("connection.url", postgres.jdbcUrl(), "connection.user", postgres.user(),
                "connection.password", postgres.password(), "topic.prefix", "pbc", "mode", "incremental",
                "cursor.columns", "public\\.pbc:updated_at", "incremental.lag.ms", "0"));
        props.put(TaskAssignment.CONFIG_KEY, assignment.toJson());
        ChunkedJdbcSourceTask task = new ChunkedJdbcSourceTask();
        OffsetStorageReader nothingStored = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return planStored && partition.equals(SourcePartitions.plan("public.pbc")) ? plan.toMap() : null;
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                return new HashMap<>();
            }
        };
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return nothingStored;
            }

            @Override
            public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
                return null;
            }
        });
        task.start(props);
        List<SourceRecord> emitted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            List<SourceRecord> records = task.poll();
            if (records != null) {
                emitted.addAll(records);
            }
        }
        task.stop();
        return emitted.stream().filter(r -> SourcePartitions.KIND_INCREMENTAL.equals(SourcePartitions.kindOf(r.sourcePartition())))
                .count();
    }
}
