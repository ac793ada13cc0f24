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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Creates missing tables with the batch's exact column types; an existing table gets new columns and
 * widened types, and loses NOT NULL on columns the batch lacks ({@link SchemaEvolution}). Never drops or
 * narrows a column: a column missing from a batch stays, NULL in rows the batch inserts.
 */
public final class TableDdl {

    private final SqlDialect dialect;
    private final MetadataColumns meta;
    private final SchemaEvolution evolution;

    public TableDdl(SqlDialect dialect, MetadataColumns meta) {
        this.dialect = dialect;
        this.meta = meta;
        this.evolution = new SchemaEvolution(dialect);
    }

    /** The final table: data columns, metadata columns, deleted-at when {@code softDelete}; PK in merge mode when the dialect wants it. */
    public void ensureTable(Connection connection, TableId table, TableSchema schema, boolean merge, boolean softDelete)
            throws SQLException {
        List<TableColumn> columns = new ArrayList<>();
        for (Column column : schema.columns()) {
            columns.add(of(column, merge && column.key()));
        }
        for (Column column : meta.staged()) {
            columns.add(of(column, false));
        }
        for (String name : meta.mergeTimes(softDelete)) {
            columns.add(new TableColumn(name, dialect.timestampTzType(), false));
        }
        ensure(connection, table, columns, merge ? schema.keyColumns() : List.of());
    }

    /** The tombstone table of hard deletes: key columns and the deleting version. */
    public void ensureTombstones(Connection connection, TableId tombstones, TableSchema schema) throws SQLException {
        List<TableColumn> columns = new ArrayList<>();
        for (Column key : schema.keyColumns()) {
            columns.add(of(key, true));
        }
        for (Column column : meta.tombstone()) {
            columns.add(of(column, false));
        }
        ensure(connection, tombstones, columns, schema.keyColumns());
    }

    /** The table of the newest truncate applied ({@link TruncateSql}): its version, no key. */
    public void ensureTruncates(Connection connection, TableId truncates) throws SQLException {
        List<TableColumn> columns = new ArrayList<>();
        for (Column column : meta.tombstone()) {
            columns.add(of(column, false));
        }
        ensure(connection, truncates, columns, List.of());
    }

    /** The table of the ends of generations ({@link GenerationSql}): no key. */
    public void ensureGenerations(Connection connection, TableId generations) throws SQLException {
        List<TableColumn> columns = new ArrayList<>();
        for (Column column : GenerationSql.columns()) {
            columns.add(of(column, false));
        }
        columns.add(new TableColumn(GenerationSql.RECORDED_AT, dialect.timestampTzType(), false));
        ensure(connection, generations, columns, List.of());
    }

    /** Whether the table exists. */
    public boolean exists(Connection connection, TableId table) throws SQLException {
        return !SchemaEvolution.columns(connection, table).isEmpty();
    }

    /** A temporary table with the staged columns of a batch. */
    public void createStage(Connection connection, String name, List<Column> stagedColumns) throws SQLException {
        String columns = stagedColumns.stream().map(c -> new TableColumn(c.name(), dialect.stageTypeName(c), false).sql(dialect))
                .collect(Collectors.joining(", "));
        execute(connection, dialect.createTempTable(name, columns));
    }

    private void ensure(Connection connection, TableId table, List<TableColumn> columns, List<Column> primaryKey)
            throws SQLException {
        Map<String, SchemaEvolution.Stored> existing = SchemaEvolution.columns(connection, table);
        if (existing.isEmpty()) {
            if (!schemaExists(connection, table.schema())) {
                execute(connection, "CREATE SCHEMA IF NOT EXISTS " + dialect.quote(table.schema()));
            }
            String pk = primaryKey.isEmpty() || !dialect.primaryKeys() ? ""
                    : ", PRIMARY KEY (" + primaryKey.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", ")) + ")";
            String definitions = columns.stream().map(c -> c.sql(dialect)).collect(Collectors.joining(", "));
            execute(connection, "CREATE TABLE " + dialect.table(table) + " (" + definitions + pk + ")");
            return;
        }
        evolution.evolve(connection, table, existing,
                columns.stream().map(c -> new SchemaEvolution.Wanted(c.name(), c.type(), c.notNull())).toList());
    }

    private TableColumn of(Column column, boolean notNull) {
        return new TableColumn(column.name(), dialect.typeName(column), notNull);
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

    /**
     * A column of a table the sink creates or evolves.
     *
     * @param name the column name, as the sink spells it (unquoted)
     * @param type its warehouse type
     * @param notNull whether it is declared NOT NULL (key columns of merge tables; never for an added column)
     */
    private record TableColumn(String name, String type, boolean notNull) {

        String sql(SqlDialect dialect) {
            return dialect.quote(name) + " " + type + (notNull ? " NOT NULL" : "");
        }
    }
}
