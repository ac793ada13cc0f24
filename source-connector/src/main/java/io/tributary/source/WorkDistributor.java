package io.tributary.source;

import io.tributary.source.plan.TablePlan;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spreads the pending snapshot chunks of every table over the tasks, round-robin, so consecutive
 * chunks of one table are read by different tasks at once; then gives each table in its incremental
 * phase to one task.
 */
final class WorkDistributor {

    private WorkDistributor() {
    }

    static List<TaskAssignment> distribute(Collection<TableMonitor.TableState> states, int tasks) {
        List<Map<String, Work>> perTask = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            perTask.add(new LinkedHashMap<>());
        }
        int next = 0;
        for (TableMonitor.TableState state : states) {
            for (int chunk : state.pendingChunks()) {
                perTask.get(next % tasks).computeIfAbsent(state.plan().table(), t -> new Work(state.plan())).chunks.add(chunk);
                next++;
            }
        }
        int incremental = 0;
        for (TableMonitor.TableState state : states) {
            if (state.pollsIncrementally()) {
                perTask.get(incremental % tasks).computeIfAbsent(state.plan().table(), t -> new Work(state.plan())).incremental = true;
                incremental++;
            }
        }
        List<TaskAssignment> assignments = new ArrayList<>();
        for (Map<String, Work> work : perTask) {
            List<TaskAssignment.TableWork> tables = new ArrayList<>();
            work.values().forEach(w -> tables.add(new TaskAssignment.TableWork(w.plan, w.chunks, w.incremental)));
            assignments.add(new TaskAssignment(tables));
        }
        return assignments;
    }

    private static final class Work {
        final TablePlan plan;
        final List<Integer> chunks = new ArrayList<>();
        boolean incremental;

        Work(TablePlan plan) {
            this.plan = plan;
        }
    }
}
