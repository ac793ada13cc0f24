package io.tributary.source.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.work.TaskAssignment;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

/**
 * A task does only work whose plan it finds in the offsets: no checkpoint of a table is ever written
 * before the plan it belongs to is durable (the connector hands out work only then; a task started
 * with a stale assignment, e.g. after a reset, skips the table).
 */
class TaskWorkLoaderTest {

    private static final String URL = "jdbc:postgresql://localhost:1/db";

    private static TaskWorkLoader loader(Map<Map<String, Object>, Map<String, Object>> stored) {
        ChunkedJdbcSourceConfig config = new ChunkedJdbcSourceConfig(Map.of("connection.url", URL, "topic.prefix", "shop",
                "mode", "incremental", "cursor.columns", "public\\.orders:updated_at"));
        OffsetStorageReader offsets = new OffsetStorageReader() {
            @Override
            public <T> Map<String, Object> offset(Map<String, T> partition) {
                return stored.get(partition);
            }

            @Override
            public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                Map<Map<String, T>, Map<String, Object>> out = new HashMap<>();
                partitions.forEach(p -> out.put(p, stored.get(p)));
                return out;
            }
        };
        return new TaskWorkLoader(config, SourceDialects.forUrl(URL), offsets, 0, "shop-source");
    }

    @Test
    void pollingOfATableWhosePlanIsNotStoredIsNotStarted() throws Exception {
        TaskAssignment assignment = new TaskAssignment(List.of(new TaskAssignment.TableWork("public.orders", false, "plan-1",
                List.of(), true)));
        TaskWorkLoader.Work work = loader(Map.of()).load(null, assignment);
        assertTrue(work.incremental().isEmpty(), "no poller, so no incremental checkpoint ahead of its plan");
        assertTrue(work.snapshot().finished());
    }

    @Test
    void workOfAnotherPlanThanTheStoredOneIsSkipped() throws Exception {
        TablePlan stored = new TablePlan("public.orders", "plan-2", List.of("id"), List.of(), List.of("updated_at"), null, 0, "now");
        Map<Map<String, Object>, Map<String, Object>> offsets = new HashMap<>();
        offsets.put(SourcePartitions.plan("public.orders"), stored.toMap());
        TaskAssignment assignment = new TaskAssignment(List.of(new TaskAssignment.TableWork("public.orders", false, "plan-1",
                List.of(0), true)));
        TaskWorkLoader.Work work = loader(offsets).load(null, assignment);
        assertTrue(work.incremental().isEmpty());
        assertTrue(work.snapshot().finished(), "chunk 0 of plan-1 is not read against plan-2's boundaries");
    }

    @Test
    void tablesToPlanAreHandedToThePlanningPhase() throws Exception {
        TaskAssignment assignment = new TaskAssignment(List.of(TaskAssignment.TableWork.planning("public.orders")));
        TaskWorkLoader.Work work = loader(Map.of()).load(null, assignment);
        assertTrue(work.planning().due(0));
        assertEquals(0, work.metrics().size());
    }
}
