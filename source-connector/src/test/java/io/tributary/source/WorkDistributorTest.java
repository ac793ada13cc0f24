package io.tributary.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.plan.TablePlan;
import java.util.ArrayList;
import java.util.List;
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
        TableMonitor.TableState a = new TableMonitor.TableState(plan("public.a", 10, true), Set.of(2, 3), true, true);
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
        TableMonitor.TableState done = new TableMonitor.TableState(plan("public.a", 2, true), Set.of(0, 1), true, true);
        TableMonitor.TableState noCursor = new TableMonitor.TableState(plan("public.b", 1, false), Set.of(0), true, true);
        TableMonitor.TableState snapshotting = new TableMonitor.TableState(plan("public.c", 1, true), Set.of(), true, true);
        List<TaskAssignment> assignments = WorkDistributor.distribute(List.of(done, noCursor, snapshotting), 2);
        long polled = assignments.stream().flatMap(a -> a.tables().stream()).filter(TaskAssignment.TableWork::incremental).count();
        assertEquals(1, polled, "only public.a polls: public.b has no cursor, public.c is still in its snapshot");
        assertTrue(assignments.stream().flatMap(a -> a.tables().stream())
                .noneMatch(w -> w.plan().table().equals("public.b")), "a finished table without cursor gets no work");
    }

    @Test
    void assignmentsSurviveTheirJsonForm() {
        TableMonitor.TableState a = new TableMonitor.TableState(plan("public.a", 3, true), Set.of(), true, true);
        TaskAssignment assignment = WorkDistributor.distribute(List.of(a), 1).get(0);
        assertEquals(assignment, TaskAssignment.fromJson(assignment.toJson()));
    }
}
