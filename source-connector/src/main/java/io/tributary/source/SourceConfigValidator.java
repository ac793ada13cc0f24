package io.tributary.source;

import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.config.ResnapshotSettings;
import io.tributary.source.config.SourceMode;
import io.tributary.source.config.TableFilter;
import io.tributary.source.config.TableRules;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The checks of {@code validate()} that need the database, each error attached to the setting it
 * concerns: unreachable database, wrong credentials, no matching table, key/cursor/soft-delete
 * columns that do not exist, a cursor.time.zone the database does not know; in log mode what the database
 * must allow ({@link LogModeValidator}). Tables without a key (one chunk) or without a cursor (no incremental
 * phase) are legal and only logged: Connect's validate API has no channel for warnings.
 */
final class SourceConfigValidator {

    private static final Logger LOG = LoggerFactory.getLogger(SourceConfigValidator.class);

    private final Map<String, String> props;
    private final Config result;

    SourceConfigValidator(Map<String, String> props, Config result) {
        this.props = props;
        this.result = result;
    }

    void validate() {
        checkMarkers();
        if (hasErrors()) {
            return;
        }
        ChunkedJdbcSourceConfig config = new ChunkedJdbcSourceConfig(props);
        TableRules keyRules;
        TableRules cursorRules;
        TableRules softDeleteRules;
        SourceDialect dialect;
        TableFilter filter;
        try {
            dialect = SourceDialects.forUrl(config.connectionUrl());
            keyRules = TableRules.parse(ChunkedJdbcSourceConfig.KEY_COLUMNS, config.keyColumns());
            cursorRules = TableRules.parse(ChunkedJdbcSourceConfig.CURSOR_COLUMNS, config.cursorColumns());
            softDeleteRules = TableRules.parse(ChunkedJdbcSourceConfig.SOFT_DELETE_COLUMNS, config.softDeleteColumns());
            filter = new TableFilter(config.tableIncludeList(), config.tableExcludeList());
        } catch (ConfigException e) {
            add(e.getMessage().contains("connection.url") ? ChunkedJdbcSourceConfig.CONNECTION_URL : keyOf(e), e.getMessage());
            return;
        }
        JdbcConnections connections = new JdbcConnections(config);
        try (Connection connection = connections.open()) {
            List<TableId> tables = new ArrayList<>();
            for (TableId id : dialect.listTables(connection)) {
                if (filter.matches(id.qualified())) {
                    tables.add(id);
                }
            }
            if (tables.isEmpty()) {
                add(ChunkedJdbcSourceConfig.TABLE_INCLUDE_LIST, "No table readable by " + config.connectionUser()
                        + " matches table.include.list/table.exclude.list");
                return;
            }
            checkTimeZone(connection, dialect, config.cursorTimeZone());
            if (config.logMode()) {
                new LogModeValidator(config, dialect, keyRules, props.getOrDefault("name", "tributary-source"), this::add)
                        .validate(connection, tables);
            }
            for (TableId id : tables) {
                TableDescription table = dialect.describe(connection, id);
                checkColumns(table, ChunkedJdbcSourceConfig.KEY_COLUMNS, keyRules.columnsFor(id.qualified()));
                keyRules.columnsFor(id.qualified()).ifPresent(keys -> keys.forEach(key -> table.columns().stream()
                        .filter(c -> c.name().equals(key) && c.nullable()).findFirst()
                        .ifPresent(c -> add(ChunkedJdbcSourceConfig.KEY_COLUMNS, "Key column " + id.qualified() + "." + key
                                + " is nullable: key.columns must name NOT NULL columns that are unique together"))));
                checkColumns(table, ChunkedJdbcSourceConfig.CURSOR_COLUMNS, cursorRules.columnsFor(id.qualified()));
                cursorRules.columnsFor(id.qualified()).ifPresent(cursors -> cursors.stream().skip(1).forEach(tieBreaker -> table.columns()
                        .stream().filter(c -> c.name().equals(tieBreaker) && c.nullable()).findFirst()
                        .ifPresent(c -> add(ChunkedJdbcSourceConfig.CURSOR_COLUMNS, "Tie-breaker column " + id.qualified() + "."
                                + tieBreaker + " is nullable: rows with a NULL tie-breaker could be skipped where a polled page ends;"
                                + " make it NOT NULL or name other cursor.columns"))));
                checkColumns(table, ChunkedJdbcSourceConfig.SOFT_DELETE_COLUMNS, softDeleteRules.columnsFor(id.qualified()));
                if (table.primaryKey().isEmpty() && keyRules.columnsFor(id.qualified()).isEmpty()) {
                    LOG.warn("Table {} has no primary key and no key.columns override: it is read as one chunk", id.qualified());
                }
                if (cursorRules.columnsFor(id.qualified()).isEmpty() && config.mode() != SourceMode.SNAPSHOT && !config.logMode()) {
                    LOG.warn("Table {} has no cursor (cursor.columns): it stops after the snapshot", id.qualified());
                    if (config.mode() == SourceMode.INCREMENTAL) {
                        add(ChunkedJdbcSourceConfig.CURSOR_COLUMNS, "Table " + id.qualified()
                                + " has no cursor column, so mode=incremental would read nothing from it");
                    }
                }
            }
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.startsWith("28") || e.getErrorCode() == 1045) {
                add(ChunkedJdbcSourceConfig.CONNECTION_PASSWORD, "Authentication failed for user '" + config.connectionUser()
                        + "': " + e.getMessage());
            } else {
                add(ChunkedJdbcSourceConfig.CONNECTION_URL, "Cannot read from " + connections.describe() + ": " + e.getMessage());
            }
        }
    }

    /** End-of-snapshot markers need the Kafka cluster, to read the topics' partition counts; keys-only refreshes need cursor mode. */
    private void checkMarkers() {
        boolean markers = Boolean.parseBoolean(props.getOrDefault(ResnapshotSettings.END_MARKERS, "false").trim());
        if (markers && props.getOrDefault(ResnapshotSettings.BOOTSTRAP_SERVERS, "").isBlank()) {
            String message = ResnapshotSettings.END_MARKERS + "=true needs " + ResnapshotSettings.BOOTSTRAP_SERVERS
                    + ": the brokers of the Kafka cluster the connector writes to (markers go to every partition of a table's topic,"
                    + " whose count only an Admin client can read)";
            add(ResnapshotSettings.BOOTSTRAP_SERVERS, message);
            add(ResnapshotSettings.END_MARKERS, message);
        }
        boolean keys = "keys".equalsIgnoreCase(props.getOrDefault(ResnapshotSettings.REFRESH_MODE, "full").trim());
        boolean log = "log".equalsIgnoreCase(props.getOrDefault(io.tributary.source.config.LogSettings.INCREMENTAL_METHOD, "cursor").trim());
        if (keys && log) {
            // a key mark cannot insert: a log event of a row older than the refresh's start, streamed after the
            // row's mark under the older generation, would be deleted by that refresh's stale delete
            add(ResnapshotSettings.REFRESH_MODE, ResnapshotSettings.REFRESH_MODE + "=keys is not supported with incremental.method=log:"
                    + " a key mark carries no data, so a row the log delivers after its mark would look stale; use"
                    + " snapshot.refresh.mode=full");
        }
    }

    /** The database must know cursor.time.zone (some know regions only with their time zone tables loaded). */
    private void checkTimeZone(Connection connection, SourceDialect dialect, ZoneId zone) {
        String problem;
        try (PreparedStatement ps = connection.prepareStatement("SELECT " + dialect.wallClockNow(zone));
                ResultSet rs = ps.executeQuery()) {
            problem = rs.next() && rs.getObject(1) != null ? null : "the database returns NULL for its now in that zone";
        } catch (SQLException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            add(ChunkedJdbcSourceConfig.CURSOR_TIME_ZONE, "The database does not know the time zone '" + zone.getId() + "': "
                    + problem + ". " + dialect.unknownZoneHint());
        }
    }

    private void checkColumns(TableDescription table, String key, Optional<List<String>> columns) {
        columns.ifPresent(list -> list.forEach(column -> {
            if (table.columns().stream().noneMatch(c -> c.name().equals(column))) {
                add(key, "Table " + table.id().qualified() + " has no column '" + column + "'");
            }
        }));
    }

    /** Checks against the database only make sense once every setting parsed. */
    private boolean hasErrors() {
        return result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty());
    }

    private static String keyOf(ConfigException e) {
        for (String key : List.of(ChunkedJdbcSourceConfig.KEY_COLUMNS, ChunkedJdbcSourceConfig.CURSOR_COLUMNS,
                ChunkedJdbcSourceConfig.SOFT_DELETE_COLUMNS, ChunkedJdbcSourceConfig.TABLE_INCLUDE_LIST,
                ChunkedJdbcSourceConfig.TABLE_EXCLUDE_LIST)) {
            if (e.getMessage().contains(key)) {
                return key;
            }
        }
        return ChunkedJdbcSourceConfig.CONNECTION_URL;
    }

    void add(String key, String message) {
        ConfigValue value = value(key);
        if (value != null) {
            value.addErrorMessage(message);
        }
    }

    private ConfigValue value(String key) {
        return result.configValues().stream().filter(v -> v.name().equals(key)).findFirst().orElse(null);
    }
}
