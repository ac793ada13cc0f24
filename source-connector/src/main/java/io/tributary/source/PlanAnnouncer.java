package io.tributary.source;

import io.tributary.source.plan.TablePlan;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Writes each table's plan to the ledger once per task, before that task's first checkpoint of the
 * table (a chunk row or an incremental page), so the plan is durable no later than any checkpoint
 * that refers to it. Shared by the snapshot and incremental phases of a task.
 */
public final class PlanAnnouncer {

    private final String ledgerTopic;
    private final Set<String> announced = new HashSet<>();

    public PlanAnnouncer(String ledgerTopic) {
        this.ledgerTopic = ledgerTopic;
    }

    /** Adds the plan record to {@code records} the first time this task touches the table. */
    public void announce(TablePlan plan, List<SourceRecord> records) {
        if (announced.add(plan.table())) {
            records.add(LedgerRecords.plan(ledgerTopic, plan));
        }
    }
}
