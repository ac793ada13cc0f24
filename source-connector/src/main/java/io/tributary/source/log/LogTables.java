package io.tributary.source.log;

import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.engine.SqlSession;
import io.tributary.source.offsets.SourcePartitions;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The captured tables as the log stream sees them: each table's converter (the same value schema its
 * snapshot rows have), its key (its plan's key columns, or the primary key / {@code key.columns} while
 * it is being planned) and its topic. A table is described from the database's catalog when first
 * seen, and again when the log's row shape changes (a column added, dropped or retyped), so the
 * records follow schema changes without a restart.
 */
final class LogTables {

    private static final Logger LOG = LoggerFactory.getLogger(LogTables.class);

    /** A captured table: how its rows become records, and the log row shape they were built for. */
    record LogTable(TableId id, RowConverter converter, String topic, Schema logRowSchema) {
    }

    private final SourceDialect dialect;
    private final SqlSession session;
    private final OffsetStorageReader offsets;
    private final TableRules keyRules;
    private final String topicPrefix;
    private final boolean sourceTypes;
    private final Map<TableId, LogTable> tables = new HashMap<>();
    private final Set<TableId> gone = new HashSet<>();

    LogTables(SourceDialect dialect, SqlSession session, OffsetStorageReader offsets, TableRules keyRules, String topicPrefix,
            boolean sourceTypes) {
        this.dialect = dialect;
        this.session = session;
        this.offsets = offsets;
        this.keyRules = keyRules;
        this.topicPrefix = topicPrefix;
        this.sourceTypes = sourceTypes;
    }

    /**
     * The table for an event whose row has {@code logRowSchema}; null when the table no longer exists
     * in the catalog (dropped since the event was written: WARNed once, its events are not emitted).
     */
    LogTable table(TableId id, Schema logRowSchema) throws InterruptedException {
        LogTable known = tables.get(id);
        if (known != null && (known.logRowSchema() == logRowSchema || known.logRowSchema().equals(logRowSchema))) {
            if (known.logRowSchema() != logRowSchema) {
                known = new LogTable(id, known.converter(), known.topic(), logRowSchema);
                tables.put(id, known);
            }
            return known;
        }
        if (known == null && gone.contains(id)) {
            return null;
        }
        TableDescription description = session.call((connection, fresh) -> {
            List<TableId> present = dialect.listTables(connection);
            return present.contains(id) ? dialect.describe(connection, id) : null;
        });
        session.endTransaction();
        if (description == null) {
            if (gone.add(id)) {
                LOG.warn("Table {} is in the log but no longer in the database (dropped?): its remaining log events are not"
                        + " emitted; its rows stay where they were delivered", id.qualified());
            }
            return null;
        }
        gone.remove(id);
        RowConverter converter = new RowConverter(description, keyColumns(description), topicPrefix, dialect::mapping, sourceTypes);
        LogTable table = new LogTable(id, converter, topic(id), logRowSchema);
        if (known != null) {
            LOG.info("Table {} changed shape in the log; described it again: columns {}", id.qualified(), converter.selectColumns());
        }
        tables.put(id, table);
        return table;
    }

    /** The topic of a table's records. */
    String topic(TableId id) {
        return topicPrefix + "." + id.schema() + "." + id.table();
    }

    private List<String> keyColumns(TableDescription description) {
        TablePlan plan = TablePlan.fromMap(offsets.offset(SourcePartitions.plan(description.id().qualified())));
        if (plan != null) {
            return plan.keyColumns();
        }
        return PlanColumns.resolve(description, keyRules, TableRules.parse("", "")).keys();
    }
}
