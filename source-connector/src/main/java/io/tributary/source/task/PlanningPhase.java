package io.tributary.source.task;

import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.engine.Planning;
import io.tributary.source.jdbc.Retries;
import io.tributary.source.offsets.GenerationOffset;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.plan.TablePlanner;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.LedgerRecords;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tables a task was asked to plan. Each is planned once ({@link TablePlanner}) and its plan
 * written to the ledger as the record whose offset stores it, followed by the record of its generation
 * (numbered above the table's previous one); once that offset is committed the connector hands out the
 * table's chunks (or its polling) to the tasks, which read the plan from the offsets. A table that has
 * a stored plan by now is skipped (a refresh: one other than the plan it replaces); one that cannot be
 * planned is logged and tried again after {@code retryMs}.
 */
public final class PlanningPhase implements Planning {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningPhase.class);

    /**
     * A table to plan.
     *
     * @param replaces the plan a refresh replaces (snapshot.refresh.*), or null for a table without a stored plan
     */
    public record Target(String table, String replaces) {
    }

    private final List<Target> tables;
    private final Map<String, Long> notBefore = new HashMap<>();
    private final Map<String, String> lastProblem = new HashMap<>();
    private final SourceDialect dialect;
    private final TablePlanner planner;
    private final TableRules keyRules;
    private final TableRules cursorRules;
    private final OffsetStorageReader offsets;
    private final String ledgerTopic;
    private final boolean polls;
    private final long retryMs;
    private final boolean keysOnlyRefresh;

    /**
     * @param polls whether the tables are polled after the snapshot (a table without a cursor is then worth a warning)
     * @param retryMs how long a table that could not be planned waits before the next attempt
     * @param keysOnlyRefresh whether a refresh reads only keys (snapshot.refresh.mode=keys)
     */
    public PlanningPhase(List<Target> tables, SourceDialect dialect, TablePlanner planner, TableRules keyRules, TableRules cursorRules,
            OffsetStorageReader offsets, String ledgerTopic, boolean polls, long retryMs, boolean keysOnlyRefresh) {
        this.tables = new ArrayList<>(tables);
        this.dialect = dialect;
        this.planner = planner;
        this.keyRules = keyRules;
        this.cursorRules = cursorRules;
        this.offsets = offsets;
        this.ledgerTopic = ledgerTopic;
        this.polls = polls;
        this.retryMs = retryMs;
        this.keysOnlyRefresh = keysOnlyRefresh;
    }

    @Override
    public boolean due(long nowMs) {
        return next(nowMs) != null;
    }

    @Override
    public List<SourceRecord> planNext(Connection connection, long nowMs) throws SQLException {
        Target target = next(nowMs);
        if (target == null) {
            return List.of();
        }
        String table = target.table();
        TablePlan stored = TablePlan.fromMap(offsets.offset(SourcePartitions.plan(table)));
        if (stored != null && !stored.planId().equals(target.replaces())) {
            LOG.info("Table {} has a stored plan already ({}); not planning it again", table, stored.planId());
            tables.remove(target);
            return List.of();
        }
        try {
            TableDescription description = dialect.describe(connection, TableId.parse(table));
            PlanColumns columns = PlanColumns.resolve(description, keyRules, cursorRules);
            TablePlan plan = planner.plan(connection, description, columns, previousGeneration(table, stored),
                    target.replaces() != null && keysOnlyRefresh);
            if (!plan.hasCursor() && polls) {
                LOG.warn("Table {} has no cursor column (cursor.columns): it stops after the snapshot", table);
            }
            tables.remove(target);
            return List.of(LedgerRecords.plan(ledgerTopic, plan), LedgerRecords.generation(ledgerTopic, plan));
        } catch (SQLException e) {
            if (Retries.isRetriable(e)) {
                throw e; // the session reconnects and runs this again
            }
            postpone(table, nowMs, e.getMessage() + " (SQLState " + e.getSQLState() + ")");
        } catch (IllegalArgumentException | DataException e) {
            postpone(table, nowMs, e.getMessage());
        }
        return List.of();
    }

    /** The table's newest generation: of the plan being replaced, or recorded in its generation partition (not nulled by a reset). */
    private long previousGeneration(String table, TablePlan stored) {
        long previous = stored == null ? 0L : stored.generation();
        GenerationOffset recorded;
        try {
            recorded = GenerationOffset.fromMap(offsets.offset(SourcePartitions.generation(table)));
        } catch (IllegalArgumentException e) {
            LOG.warn("Table {}: ignoring an unreadable generation offset: {}", table, e.getMessage());
            recorded = null;
        }
        return Math.max(previous, recorded == null ? 0L : recorded.generation());
    }

    private Target next(long nowMs) {
        for (Target target : tables) {
            if (notBefore.getOrDefault(target.table(), 0L) <= nowMs) {
                return target;
            }
        }
        return null;
    }

    private void postpone(String table, long nowMs, String reason) {
        notBefore.put(table, nowMs + retryMs);
        if (!reason.equals(lastProblem.put(table, reason))) {
            LOG.warn("Could not plan table {}; trying again in {} ms: {}", table, retryMs, reason);
        }
    }
}
