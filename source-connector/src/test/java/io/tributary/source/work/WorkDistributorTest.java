package io.tributary.source.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.plan.LogStart;
import io.tributary.source.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WorkDistributorTest {

    private static TablePlan plan(String table, int chunks, boolean cursor) {
        List<List<Object>> boundaries = new ArrayList<>();
        for (long i = 1; i < chunks; i++) {
            boundaries.add(List.of(i * 100));
        }
        return new TablePlan(table, "plan-" + table, List.of("id"), boundaries, cursor ? List.of("updated_at") : List.of(),
                null, chunks * 100L, "now");
    }

    @Test
    void pendingChunksAreSpreadSoEveryTaskReadsAndConsecutiveChunksRunInParallel() {
        TableMonitor.TableState a = new TableMonitor.TableState("public.a", plan("public.a", 10, true), Set.of(2, 3), true, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(a), 4);
        assertEquals(4, assignments.size());
        Set<Integer> all = new TreeSet<>();
        for (TaskAssignment assignment : assignments) {
            assertEquals(1, assignment.tables().size());
            List<Integer> chunks = assignment.tables().get(0).chunks();
            assertTrue(chunks.size() == 2, "8 pending chunks over 4 tasks: " + chunks);
            all.addAll(chunks);
            assertTrue(!assignment.tables().get(0).incremental(), "no incremental polling while chunks are pending");
        }
        assertEquals(Set.of(0, 1, 4, 5, 6, 7, 8, 9), all, "done chunks 2 and 3 are not handed out again");
    }

    @Test
    void finishedTablesWithACursorArePolledByOneTaskEach() {
        TableMonitor.TableState done = new TableMonitor.TableState("public.a", plan("public.a", 2, true), Set.of(0, 1), true, true);
        TableMonitor.TableState noCursor = new TableMonitor.TableState("public.b", plan("public.b", 1, false), Set.of(0), true, true);
        TableMonitor.TableState snapshotting = new TableMonitor.TableState("public.c", plan("public.c", 1, true), Set.of(), true, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(done, noCursor, snapshotting), 2);
        long polled = assignments.stream().flatMap(a -> a.tables().stream()).filter(TaskAssignment.TableWork::incremental).count();
        assertEquals(1, polled, "only public.a polls: public.b has no cursor, public.c is still in its snapshot");
        assertTrue(assignments.stream().flatMap(a -> a.tables().stream())
                .noneMatch(w -> w.table().equals("public.b")), "a finished table without cursor gets no work");
    }

    @Test
    void tablesWithoutAStoredPlanArePlannedOnePerTaskAndGetNoOtherWork() {
        List<TableMonitor.TableState> states = List.of(TableMonitor.TableState.unplanned("public.x"),
                TableMonitor.TableState.unplanned("public.y"), TableMonitor.TableState.unplanned("public.z"),
                new TableMonitor.TableState("public.a", plan("public.a", 2, true), Set.of(), true, true));
        List<TaskAssignment> assignments = WorkDistributor.distribute(states, 2);
        List<String> planned = assignments.stream().flatMap(a -> a.tables().stream()).filter(TaskAssignment.TableWork::plan)
                .map(TaskAssignment.TableWork::table).sorted().toList();
        assertEquals(List.of("public.x", "public.y", "public.z"), planned);
        assertEquals(List.of("public.x", "public.z"), assignments.get(0).tables().stream().filter(TaskAssignment.TableWork::plan)
                .map(TaskAssignment.TableWork::table).toList(), "spread over the tasks");
        assertTrue(assignments.stream().flatMap(a -> a.tables().stream()).filter(TaskAssignment.TableWork::plan)
                .allMatch(w -> w.chunks().isEmpty() && !w.incremental() && w.planId() == null));
    }

    @Test
    void taskConfigsCarryNoKeyValues() {
        List<List<Object>> boundaries = List.of(List.of("alice@example.com"), List.of("mallory@example.com"));
        TablePlan byEmail = new TablePlan("public.users", "plan-users", List.of("email"), boundaries, List.of(), null, 3, "now");
        String json = WorkDistributor.distribute(List.of(new TableMonitor.TableState("public.users", byEmail, Set.of(), true, false)), 1)
                .get(0).toJson();
        assertTrue(!json.contains("alice@example.com") && !json.contains("mallory"), json);
        assertEquals(List.of(0, 1, 2), TaskAssignment.fromJson(json).tables().get(0).chunks());
        assertEquals("plan-users", TaskAssignment.fromJson(json).tables().get(0).planId());
    }

    @Test
    void assignmentsSurviveTheirJsonForm() {
        TableMonitor.TableState a = new TableMonitor.TableState("public.a", plan("public.a", 3, true), Set.of(), true, true);
        TaskAssignment assignment = WorkDistributor.distribute(List.of(a, TableMonitor.TableState.unplanned("public.b")), 1).get(0);
        assertEquals(assignment, TaskAssignment.fromJson(assignment.toJson()));
    }

    private static TablePlan logPlan(String table, int chunks) {
        TablePlan plan = plan(table, chunks, false);
        return new TablePlan(table, plan.planId(), plan.keyColumns(), plan.boundaries(), List.of(), null, plan.estimatedRows(),
                plan.plannedAt(), new LogStart(1_000L, Map.of("lsn", 1_000L)));
    }

    @Test
    void inLogModeTaskZeroStreamsEveryPlannedTableAndTheOtherTasksReadTheChunks() {
        TableMonitor.TableState a = new TableMonitor.TableState("public.a", logPlan("public.a", 4), Set.of(0), true, true);
        TableMonitor.TableState b = new TableMonitor.TableState("public.b", logPlan("public.b", 2), Set.of(0, 1), true, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(a, b, TableMonitor.TableState.unplanned("public.c")), 3, true);
        assertEquals(List.of("public.a", "public.b"), assignments.get(0).logTables(), "streamed from the start, chunks pending or not");
        assertTrue(assignments.get(0).tables().isEmpty(), "the streaming task reads no chunks and plans nothing: " + assignments.get(0));
        Set<Integer> chunks = new TreeSet<>();
        assignments.subList(1, 3).forEach(t -> t.tables().stream().filter(w -> w.table().equals("public.a"))
                .forEach(w -> chunks.addAll(w.chunks())));
        assertEquals(Set.of(1, 2, 3), chunks);
        assertTrue(assignments.stream().flatMap(t -> t.tables().stream()).noneMatch(TaskAssignment.TableWork::incremental),
                "no cursor polling in log mode");
        assertTrue(assignments.stream().flatMap(t -> t.tables().stream()).anyMatch(w -> w.plan() && w.table().equals("public.c")));
        assertTrue(assignments.get(1).logTables().isEmpty() && assignments.get(2).logTables().isEmpty(), "one stream per connector");
    }

    @Test
    void inLogModeASingleTaskStreamsAndReadsChunks() {
        TableMonitor.TableState a = new TableMonitor.TableState("public.a", logPlan("public.a", 2), Set.of(), true, true);
        TaskAssignment only = WorkDistributor.distribute(List.of(a), 1, true).get(0);
        assertEquals(List.of("public.a"), only.logTables());
        assertEquals(List.of(0, 1), only.tables().get(0).chunks());
        assertEquals(only, TaskAssignment.fromJson(only.toJson()), "the log tables survive the JSON form");
    }

    @Test
    void anAssignmentWrittenBeforeLogModeIsStillRead() {
        TaskAssignment old = TaskAssignment.fromJson("[{\"table\":\"public.a\",\"plan_id\":\"p1\",\"chunks\":[3],\"incremental\":true}]");
        assertEquals(List.of(new TaskAssignment.TableWork("public.a", false, "p1", List.of(3), true)), old.tables());
        assertTrue(!old.streamsLog());
    }
}
