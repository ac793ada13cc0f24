package io.tributary.source.task;

import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.engine.Planning;
import io.tributary.source.jdbc.Retries;
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
 * written to the ledger as the record whose offset stores it; once that offset is committed the
 * connector hands out the table's chunks (or its polling) to the tasks, which read the plan from the
 * offsets. A table that has a stored plan by now is skipped; one that cannot be planned is logged and
 * tried again after {@code retryMs}.
 */
public final class PlanningPhase implements Planning {

    private static final Logger LOG = LoggerFactory.getLogger(PlanningPhase.class);

    private final List<String> tables;
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

    /**
     * @param polls whether the tables are polled after the snapshot (a table without a cursor is then worth a warning)
     * @param retryMs how long a table that could not be planned waits before the next attempt
     */
    public PlanningPhase(List<String> tables, SourceDialect dialect, TablePlanner planner, TableRules keyRules, TableRules cursorRules,
            OffsetStorageReader offsets, String ledgerTopic, boolean polls, long retryMs) {
        this.tables = new ArrayList<>(tables);
        this.dialect = dialect;
        this.planner = planner;
        this.keyRules = keyRules;
        this.cursorRules = cursorRules;
        this.offsets = offsets;
        this.ledgerTopic = ledgerTopic;
        this.polls = polls;
        this.retryMs = retryMs;
    }

    @Override
    public boolean due(long nowMs) {
        return next(nowMs) != null;
    }

    @Override
    public List<SourceRecord> planNext(Connection connection, long nowMs) throws SQLException {
        String table = next(nowMs);
        if (table == null) {
            return List.of();
        }
        if (offsets.offset(SourcePartitions.plan(table)) != null) {
            LOG.info("Table {} has a stored plan already; not planning it again", table);
            tables.remove(table);
            return List.of();
        }
        try {
            TableDescription description = dialect.describe(connection, TableId.parse(table));
            PlanColumns columns = PlanColumns.resolve(description, keyRules, cursorRules);
            TablePlan plan = planner.plan(connection, description, columns);
            if (!plan.hasCursor() && polls) {
                LOG.warn("Table {} has no cursor column (cursor.columns): it stops after the snapshot", table);
            }
            tables.remove(table);
            return List.of(LedgerRecords.plan(ledgerTopic, plan));
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

    private String next(long nowMs) {
        for (String table : tables) {
            if (notBefore.getOrDefault(table, 0L) <= nowMs) {
                return table;
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
