package io.tributary.source.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.plan.LogStart;
import io.tributary.source.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The work of re-snapshots: end-of-snapshot markers, refreshes, and polling that goes on during a re-snapshot. */
class ResnapshotWorkTest {

    private static TablePlan plan(String table, int chunks) {
        List<List<Object>> boundaries = new ArrayList<>();
        for (long i = 1; i < chunks; i++) {
            boundaries.add(List.of(i * 100));
        }
        return new TablePlan(table, "plan-" + table, List.of("id"), boundaries, List.of("updated_at"), null, chunks * 100L,
                "2026-01-01T00:00:00Z", null).asGeneration(1_767_225_600_000L, 5L, false);
    }

    private static List<TaskAssignment.TableWork> works(List<TaskAssignment> assignments, String table) {
        return assignments.stream().flatMap(a -> a.tables().stream()).filter(w -> w.table().equals(table)).toList();
    }

    @Test
    void theMarkersOfAFinishedGenerationGoToOneTask() {
        TableMonitor.TableState done = new TableMonitor.TableState("public.a", plan("public.a", 2), Set.of(0, 1), true, false,
                false, false, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(done), 3);
        List<TaskAssignment.TableWork> works = works(assignments, "public.a");
        assertEquals(1, works.size(), "snapshot mode, no cursor polling: markers only, once: " + assignments);
        assertTrue(works.get(0).markers() && works.get(0).chunks().isEmpty() && !works.get(0).plan());
        assertEquals("plan-public.a", works.get(0).planId(), "the markers belong to that plan's generation");
        assertEquals(assignments, assignments.stream().map(a -> TaskAssignment.fromJson(a.toJson())).toList(), "JSON round trip");
    }

    @Test
    void inLogModeTheMarkersGoToATaskThatDoesNotStream() {
        TablePlan plan = plan("public.a", 2);
        TablePlan logPlan = new TablePlan(plan.table(), plan.planId(), plan.keyColumns(), plan.boundaries(), List.of(), null,
                plan.estimatedRows(), plan.plannedAt(), new LogStart(1_000L, Map.of()))
                .asGeneration(1_767_225_600_000L, 1_000L, false);
        TableMonitor.TableState done = new TableMonitor.TableState("public.a", logPlan, Set.of(0, 1), true, true, false, false, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(done), 2, true);
        assertEquals(List.of("public.a"), assignments.get(0).logTables());
        assertTrue(assignments.get(0).tables().isEmpty(), "the streaming task does nothing else: " + assignments);
        assertTrue(works(assignments, "public.a").stream().anyMatch(TaskAssignment.TableWork::markers));
    }

    @Test
    void aTableDueForRefreshIsPlannedAgainReplacingItsPlanAndPolledMeanwhile() {
        TableMonitor.TableState due = new TableMonitor.TableState("public.a", plan("public.a", 2), Set.of(0, 1), true, true,
                true, false, false);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(due), 1);
        List<TaskAssignment.TableWork> works = works(assignments, "public.a");
        assertEquals(1, works.size());
        TaskAssignment.TableWork work = works.get(0);
        assertTrue(work.plan() && work.incremental() && work.chunks().isEmpty(), work.toString());
        assertEquals("plan-public.a", work.planId(), "the plan the refresh replaces");
        assertEquals(assignments.get(0), TaskAssignment.fromJson(assignments.get(0).toJson()));
        assertEquals("plan", due.phase());
    }

    @Test
    void aTablePolledBeforeIsPolledOnWhileItsNewChunksAreRead() {
        TableMonitor.TableState resnapshot = new TableMonitor.TableState("public.a", plan("public.a", 4), Set.of(0), true, true,
                false, true, false);
        TableMonitor.TableState first = new TableMonitor.TableState("public.b", plan("public.b", 4), Set.of(0), true, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(resnapshot, first), 2);
        assertTrue(works(assignments, "public.a").stream().anyMatch(TaskAssignment.TableWork::incremental),
                "a re-snapshot polls on: " + assignments);
        assertTrue(works(assignments, "public.b").stream().noneMatch(TaskAssignment.TableWork::incremental),
                "a first snapshot polls once its chunks are done, as before");
        assertEquals("snapshot", resnapshot.phase());
    }
}
