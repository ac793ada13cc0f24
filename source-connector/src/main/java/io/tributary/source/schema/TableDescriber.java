package io.tributary.source.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a table's columns and primary key from {@link DatabaseMetaData}, type names in lower case.
 * What differs between databases comes from the dialect's {@link Catalog}: whether a "schema" is a
 * JDBC catalog, and how reported columns are corrected (type aliases, scales, types the metadata does
 * not name).
 */
public final class TableDescriber {

    /** How a database reports its tables and columns through JDBC metadata. */
    public interface Catalog {

        /** Whether the table's "schema" is a JDBC catalog (a database), not a JDBC schema. */
        boolean schemasAreCatalogs();

        /** A column as the metadata reported it, corrected where the driver reports it differently. */
        default ColumnInfo adjust(ColumnInfo column) {
            return column;
        }

        /** The table's columns, corrected where only the database's catalog tells (e.g. check constraints). */
        default List<ColumnInfo> adjust(Connection connection, TableId table, List<ColumnInfo> columns) throws SQLException {
            return columns;
        }
    }

    private TableDescriber() {
    }

    /**
     * @param connection an open connection to the source database
     * @param id the table
     * @param catalog the database's way of reporting it
     * @return its columns in ordinal order and its primary key in key order
     * @throws SQLException if the metadata cannot be read, or (SQLState {@code 42S02}) the table is
     *         missing or its columns are not visible to this user
     */
    public static TableDescription describe(Connection connection, TableId id, Catalog catalog) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        boolean catalogs = catalog.schemasAreCatalogs();
        String jdbcCatalog = catalogs ? id.schema() : null;
        String jdbcSchema = catalogs ? null : id.schema();
        String escape = meta.getSearchStringEscape();

        List<ColumnInfo> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(jdbcCatalog, jdbcSchema == null ? null : escape(jdbcSchema, escape),
                escape(id.table(), escape), "%")) {
            while (rs.next()) {
                if (!sameTable(rs, catalogs, id)) {
                    continue;
                }
                int digits = rs.getInt("DECIMAL_DIGITS");
                Integer scale = rs.wasNull() ? null : Integer.valueOf(digits);
                columns.add(catalog.adjust(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"),
                        rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT), rs.getInt("COLUMN_SIZE"), scale,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, rs.getInt("ORDINAL_POSITION"))));
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("Table " + id.qualified() + " not found, or its columns are not visible to this user",
                    "42S02");
        }
        columns.sort(Comparator.comparingInt(ColumnInfo::ordinal));
        columns = catalog.adjust(connection, id, columns);
        return new TableDescription(id, columns, primaryKey(meta, jdbcCatalog, jdbcSchema, id, catalogs));
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String catalog, String schema, TableId id, boolean catalogs)
            throws SQLException {
        Map<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, id.table())) {
            while (rs.next()) {
                if (sameTable(rs, catalogs, id)) {
                    bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
        }
        return List.copyOf(bySequence.values());
    }

    private static boolean sameTable(ResultSet rs, boolean catalogs, TableId id) throws SQLException {
        String owner = catalogs ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
        return id.table().equals(rs.getString("TABLE_NAME")) && (owner == null || id.schema().equals(owner));
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
