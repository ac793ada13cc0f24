package io.tributary.sink.destination.sql;

import io.tributary.sink.destination.WideningRefusedException;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.Encoding;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TypeWidening;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings an existing table to what a batch needs, without ever dropping or narrowing: adds the columns
 * it lacks, widens those whose type the records widened ({@link TypeWidening}, where the warehouse can;
 * else {@link WideningRefusedException}), and relaxes NOT NULL on columns the records no longer carry
 * (they stay, NULL from then on). Another writer may make the same change first: where the warehouse
 * can undo one failed statement ({@link SqlDialect#savepoints}), a failed change is followed by a fresh
 * look at the catalog, and the batch goes on when the column is already as wanted.
 */
final class SchemaEvolution {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaEvolution.class);

    /** A column as the warehouse's catalog lists it. */
    record Stored(String name, String sqlType, boolean nullable) {
    }

    /**
     * A column the batch needs.
     *
     * @param name the name as the sink spells it
     * @param sql its type name in this warehouse
     * @param notNull whether it is a NOT NULL key column
     */
    record Wanted(String name, String sql, boolean notNull) {
    }

    private final SqlDialect dialect;

    SchemaEvolution(SqlDialect dialect) {
        this.dialect = dialect;
    }

    /** Adds, widens and relaxes columns of {@code table}, whose catalog lists {@code stored}. */
    void evolve(Connection connection, TableId table, Map<String, Stored> stored, List<Wanted> wanted) throws SQLException {
        Set<String> wantedNames = new java.util.HashSet<>();
        for (Wanted column : wanted) {
            String name = dialect.catalogName(column.name());
            // a warehouse that cuts long names silently lists this one cut to its limit: found under that name, it exists
            Stored found = stored.get(name);
            if (found == null) {
                found = stored.get(Identifiers.truncate(name, dialect.maxIdentifierBytes()));
            }
            if (found == null) {
                change(connection, table, dialect.addColumn(table, dialect.quote(column.name()) + " " + column.sql()),
                        now -> now.containsKey(name));
                continue;
            }
            wantedNames.add(found.name());
            widen(connection, table, column, found);
        }
        for (Stored column : stored.values()) {
            if (!wantedNames.contains(column.name()) && !column.nullable()) {
                String relax = dialect.dropNotNull(table, column.name());
                if (relax == null) {
                    throw new WideningRefusedException(dialect.table(table), column.name(), column.sqlType() + " NOT NULL",
                            column.sqlType() + " (nullable: the records no longer carry it)", dialect.wideningLimits());
                }
                change(connection, table, relax, now -> now.get(column.name()) != null && now.get(column.name()).nullable());
            }
        }
    }

    private void widen(Connection connection, TableId table, Wanted column, Stored found) throws SQLException {
        ColumnType storedType = dialect.storedType(found.sqlType());
        ColumnType incoming = dialect.storedType(column.sql());
        if (storedType == null || incoming == null) {
            return;
        }
        TypeWidening.Result result = TypeWidening.of(storedType, incoming);
        if (result.need() != TypeWidening.Need.WIDEN) {
            return;
        }
        String targetSql = result.target().equals(incoming) ? column.sql()
                : dialect.typeName(new Column(column.name(), result.target(), Encoding.AS_IS, false, null));
        String sql = dialect.widenColumn(table, found.name(), storedType, result.target(), targetSql);
        if (sql == null) {
            throw new WideningRefusedException(dialect.table(table), found.name(), found.sqlType(), targetSql, dialect.wideningLimits());
        }
        LOG.info("Widening column {} of {} from {} to {}", found.name(), dialect.table(table), found.sqlType(), targetSql);
        change(connection, table, sql, now -> {
            Stored after = now.get(found.name());
            ColumnType type = after == null ? null : dialect.storedType(after.sqlType());
            return type != null && TypeWidening.of(type, incoming).need() == TypeWidening.Need.NOTHING;
        });
    }

    /** Runs a change; if it fails and the warehouse can go on, reads the catalog again and goes on when {@code done} holds. */
    private void change(Connection connection, TableId table, String sql, Predicate<Map<String, Stored>> done) throws SQLException {
        if (!dialect.savepoints()) {
            TableDdl.execute(connection, sql);
            return;
        }
        Savepoint savepoint = connection.setSavepoint();
        try {
            TableDdl.execute(connection, sql);
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            connection.rollback(savepoint);
            if (!done.test(columns(connection, table))) {
                throw e;
            }
            LOG.info("Another writer changed {} first ({}); going on", dialect.table(table), e.getMessage());
        }
    }

    /** The columns of {@code table} as its catalog lists them; empty when there is no such table. */
    static Map<String, Stored> columns(Connection connection, TableId table) throws SQLException {
        Map<String, Stored> columns = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type, character_maximum_length,"
                + " numeric_precision, numeric_scale, is_nullable FROM information_schema.columns WHERE table_schema = ? AND table_name = ?")) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    columns.put(name, new Stored(name, sqlType(rows.getString(2), rows.getObject(3), rows.getObject(4), rows.getObject(5)),
                            !"NO".equalsIgnoreCase(rows.getString(6))));
                }
            }
        }
        return columns;
    }

    /** The type as text: the catalog's data type with its length, or the precision and scale of a decimal. */
    private static String sqlType(String dataType, Object length, Object precision, Object scale) {
        if (dataType == null || dataType.contains("(")) {
            return dataType;
        }
        String lower = dataType.toLowerCase(java.util.Locale.ROOT);
        if (length != null && (lower.contains("char") || lower.equals("text"))) {
            return dataType + "(" + length + ")";
        }
        if (precision != null && (lower.equals("numeric") || lower.equals("decimal") || lower.equals("number"))) {
            return dataType + "(" + precision + "," + (scale == null ? 0 : scale) + ")";
        }
        return dataType;
    }
}
