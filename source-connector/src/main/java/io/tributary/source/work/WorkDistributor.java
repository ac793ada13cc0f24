package io.tributary.source.work;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out the work of the tables over the tasks: the tables that need a plan (or a refresh) first, one
 * per task in turn; then the pending snapshot chunks of every planned table, round-robin, so consecutive
 * chunks of one table are read by different tasks at once; then each table in its incremental phase (or
 * polled on during its re-snapshot) to one task, and the end-of-snapshot markers of each finished
 * generation to one task.
 * In log mode, once a table's plan (with its log start) is stored, task 0 runs the log stream of all
 * of them; with more than one task it gets no other work, so the log never waits for a chunk.
 */
public final class WorkDistributor {

    private WorkDistributor() {
    }

    public static List<TaskAssignment> distribute(Collection<TableMonitor.TableState> states, int tasks) {
        return distribute(states, tasks, false);
    }

    /** @param logMode whether changes come from the log (incremental.method=log) */
    public static List<TaskAssignment> distribute(Collection<TableMonitor.TableState> states, int tasks, boolean logMode) {
        List<Map<String, Work>> perTask = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            perTask.add(new LinkedHashMap<>());
        }
        List<String> streamed = new ArrayList<>();
        for (TableMonitor.TableState state : states) {
            if (logMode && state.streams()) {
                streamed.add(state.table());
            }
        }
        int first = !streamed.isEmpty() && tasks > 1 ? 1 : 0;
        int workers = tasks - first;
        int planning = 0;
        for (TableMonitor.TableState state : states) {
            if (state.needsPlan()) {
                perTask.get(first + planning++ % workers).put(state.table(),
                        new Work(state.table(), state.plan() == null ? null : state.plan().planId(), true));
            }
        }
        int next = 0;
        for (TableMonitor.TableState state : states) {
            for (int chunk : state.pendingChunks()) {
                perTask.get(first + next++ % workers).computeIfAbsent(state.table(), t -> new Work(t, state.plan().planId(), false))
                        .chunks.add(chunk);
            }
        }
        int incremental = 0;
        for (TableMonitor.TableState state : states) {
            if (state.pollsIncrementally()) {
                perTask.get(first + incremental++ % workers)
                        .computeIfAbsent(state.table(), t -> new Work(t, state.plan().planId(), false)).incremental = true;
            }
        }
        int markers = 0;
        for (TableMonitor.TableState state : states) {
            if (state.markersPending() && state.plan() != null) {
                perTask.get(first + markers++ % workers)
                        .computeIfAbsent(state.table(), t -> new Work(t, state.plan().planId(), false)).markers = true;
            }
        }
        List<TaskAssignment> assignments = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            List<TaskAssignment.TableWork> tables = new ArrayList<>();
            perTask.get(i).values().forEach(w -> tables.add(new TaskAssignment.TableWork(w.table, w.plan, w.planId, w.chunks,
                    w.incremental, w.markers)));
            assignments.add(new TaskAssignment(tables, i == 0 ? streamed : List.of()));
        }
        return assignments;
    }

    private static final class Work {
        final String table;
        final String planId;
        final boolean plan;
        final List<Integer> chunks = new ArrayList<>();
        boolean incremental;
        boolean markers;

        Work(String table, String planId, boolean plan) {
            this.table = table;
            this.planId = planId;
            this.plan = plan;
        }
    }
}
