package io.tributary.source;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.LogSettings;
import io.tributary.source.config.SourceMode;
import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.LogSupport;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.plan.PlanColumns;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The checks of {@code validate()} for {@code incremental.method=log}: the database has a log mode, its
 * settings and the user's privileges allow it (each problem names the setting to change), and every
 * matching table has a key its updates and deletes carry.
 */
final class LogModeValidator {

    private final ChunkedJdbcSourceConfig config;
    private final SourceDialect dialect;
    private final TableRules keyRules;
    private final String connectorName;
    private final BiConsumer<String, String> errors;

    /** @param errors takes (setting, message) */
    LogModeValidator(ChunkedJdbcSourceConfig config, SourceDialect dialect, TableRules keyRules, String connectorName,
            BiConsumer<String, String> errors) {
        this.config = config;
        this.dialect = dialect;
        this.keyRules = keyRules;
        this.connectorName = connectorName;
        this.errors = errors;
    }

    void validate(Connection connection, List<TableId> tables) throws SQLException {
        if (config.mode() == SourceMode.SNAPSHOT) {
            errors.accept(LogSettings.INCREMENTAL_METHOD, "mode=snapshot stops after the snapshot, so there is no log to follow:"
                    + " use mode=snapshot_and_incremental with incremental.method=log");
            return;
        }
        Optional<LogSupport> log = dialect.log();
        if (log.isEmpty()) {
            errors.accept(LogSettings.INCREMENTAL_METHOD, "incremental.method=log is not available for " + dialect.name());
            return;
        }
        LogSettings settings = config.log(connectorName);
        List<String> problems = log.get().problems(connection, settings);
        problems.forEach(problem -> errors.accept(LogSettings.INCREMENTAL_METHOD, problem));
        if (!problems.isEmpty()) {
            return;
        }
        for (TableId id : tables) {
            TableDescription table = dialect.describe(connection, id);
            List<String> keys = PlanColumns.resolve(table, keyRules, TableRules.parse("", "")).keys();
            if (keys.isEmpty()) {
                errors.accept(ChunkedJdbcSourceConfig.KEY_COLUMNS, "Table " + id.qualified() + " has no primary key: log mode needs a"
                        + " key to apply its updates and deletes; name one in key.columns (and give the table a replica identity"
                        + " that covers it)");
                continue;
            }
            try {
                log.get().checkTable(connection, table, keys);
            } catch (IllegalArgumentException e) {
                errors.accept(LogSettings.INCREMENTAL_METHOD, e.getMessage());
            }
        }
    }
}
