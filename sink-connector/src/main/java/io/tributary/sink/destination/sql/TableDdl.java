package io.tributary.sink.destination.sql;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.MetadataColumns;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Creates missing tables with the batch's exact column types and adds new columns. Never drops or
 * narrows a column: a column missing from a batch stays, NULL in rows the batch inserts.
 */
public final class TableDdl {

    private final SqlDialect dialect;
    private final MetadataColumns meta;

    public TableDdl(SqlDialect dialect, MetadataColumns meta) {
        this.dialect = dialect;
        this.meta = meta;
    }

    /** The final table: data columns, metadata columns, deleted-at when {@code softDelete}; PK in merge mode when the dialect wants it. */
    public void ensureTable(Connection connection, TableId table, TableSchema schema, boolean merge, boolean softDelete)
            throws SQLException {
        List<String> definitions = new ArrayList<>();
        for (Column column : schema.columns()) {
            definitions.add(definition(column, merge && column.key()));
        }
        for (Column column : meta.staged()) {
            definitions.add(definition(column, false));
        }
        definitions.add(dialect.quote(meta.syncedAt()) + " " + dialect.timestampTzType());
        if (softDelete) {
            definitions.add(dialect.quote(meta.deletedAt()) + " " + dialect.timestampTzType());
        }
        ensure(connection, table, definitions, merge ? schema.keyColumns() : List.of());
    }

    /** The tombstone table of hard deletes: key columns and the deleting version. */
    public void ensureTombstones(Connection connection, TableId tombstones, TableSchema schema) throws SQLException {
        List<String> definitions = new ArrayList<>();
        for (Column key : schema.keyColumns()) {
            definitions.add(definition(key, true));
        }
        for (Column column : meta.staged()) {
            if (!column.name().equals(meta.op())) {
                definitions.add(definition(column, false));
            }
        }
        ensure(connection, tombstones, definitions, schema.keyColumns());
    }

    /** A temporary table with the staged columns of a batch. */
    public void createStage(Connection connection, String name, List<Column> stagedColumns) throws SQLException {
        String columns = stagedColumns.stream().map(c -> dialect.quote(c.name()) + " " + dialect.stageTypeName(c))
                .collect(Collectors.joining(", "));
        execute(connection, dialect.createTempTable(name, columns));
    }

    private void ensure(Connection connection, TableId table, List<String> definitions, List<Column> primaryKey)
            throws SQLException {
        Set<String> existing = existingColumns(connection, table);
        if (existing.isEmpty()) {
            if (!schemaExists(connection, table.schema())) {
                execute(connection, "CREATE SCHEMA IF NOT EXISTS " + dialect.quote(table.schema()));
            }
            String pk = primaryKey.isEmpty() || !dialect.primaryKeys() ? ""
                    : ", PRIMARY KEY (" + primaryKey.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", ")) + ")";
            execute(connection, "CREATE TABLE " + dialect.table(table) + " (" + String.join(", ", definitions) + pk + ")");
            return;
        }
        for (String definition : definitions) {
            String name = nameOf(definition);
            // PostgreSQL stores a column name cut to 63 bytes: found under that name, it exists
            if (!existing.contains(name) && !existing.contains(Identifiers.truncate(name, dialect.maxIdentifierBytes()))) {
                execute(connection, dialect.addColumn(table, definition.replace(" NOT NULL", "")));
            }
        }
    }

    private String definition(Column column, boolean notNull) {
        return dialect.quote(column.name()) + " " + dialect.typeName(column) + (notNull ? " NOT NULL" : "");
    }

    /** The column name of a definition: the leading quoted identifier. */
    private static String nameOf(String definition) {
        StringBuilder name = new StringBuilder();
        for (int i = 1; i < definition.length(); i++) {
            char c = definition.charAt(i);
            if (c == '"') {
                if (i + 1 < definition.length() && definition.charAt(i + 1) == '"') {
                    name.append('"');
                    i++;
                } else {
                    break;
                }
            } else {
                name.append(c);
            }
        }
        return name.toString();
    }

    private static Set<String> existingColumns(Connection connection, TableId table) throws SQLException {
        Set<String> names = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT column_name FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }

    private static boolean schemaExists(Connection connection, String schema) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = ?")) {
            statement.setString(1, schema);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

}
