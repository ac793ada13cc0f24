package io.tributary.source.work;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out the work of the tables over the tasks: the tables that need a plan first, one per task in
 * turn; then the pending snapshot chunks of every planned table, round-robin, so consecutive chunks of
 * one table are read by different tasks at once; then each table in its incremental phase to one task.
 */
public final class WorkDistributor {

    private WorkDistributor() {
    }

    public static List<TaskAssignment> distribute(Collection<TableMonitor.TableState> states, int tasks) {
        List<Map<String, Work>> perTask = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            perTask.add(new LinkedHashMap<>());
        }
        int planning = 0;
        for (TableMonitor.TableState state : states) {
            if (state.needsPlan()) {
                perTask.get(planning++ % tasks).put(state.table(), new Work(state.table(), null, true));
            }
        }
        int next = 0;
        for (TableMonitor.TableState state : states) {
            for (int chunk : state.pendingChunks()) {
                perTask.get(next++ % tasks).computeIfAbsent(state.table(), t -> new Work(t, state.plan().planId(), false)).chunks.add(chunk);
            }
        }
        int incremental = 0;
        for (TableMonitor.TableState state : states) {
            if (state.pollsIncrementally()) {
                perTask.get(incremental++ % tasks).computeIfAbsent(state.table(), t -> new Work(t, state.plan().planId(), false))
                        .incremental = true;
            }
        }
        List<TaskAssignment> assignments = new ArrayList<>();
        for (Map<String, Work> work : perTask) {
            List<TaskAssignment.TableWork> tables = new ArrayList<>();
            work.values().forEach(w -> tables.add(w.plan ? TaskAssignment.TableWork.planning(w.table)
                    : new TaskAssignment.TableWork(w.table, false, w.planId, w.chunks, w.incremental)));
            assignments.add(new TaskAssignment(tables));
        }
        return assignments;
    }

    private static final class Work {
        final String table;
        final String planId;
        final boolean plan;
        final List<Integer> chunks = new ArrayList<>();
        boolean incremental;

        Work(String table, String planId, boolean plan) {
            this.table = table;
            this.planId = planId;
            this.plan = plan;
        }
    }
}
