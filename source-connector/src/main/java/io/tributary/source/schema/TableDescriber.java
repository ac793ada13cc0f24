package io.tributary.source.schema;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a table's columns and primary key from {@link DatabaseMetaData}.
 *
 * <p>Type names come back in lower case. PostgreSQL's {@code serial}, {@code bigserial} and
 * {@code smallserial} (which pgjdbc reports for columns defaulting to a sequence) become
 * {@code int4}, {@code int8} and {@code int2}. A MariaDB {@code JSON} column is a {@code longtext}
 * with the check constraint {@code json_valid(`col`)}; such columns are reported as {@code json}.
 */
public final class TableDescriber {

    private static final Map<String, String> PG_SERIALS = Map.of(
            "serial", "int4", "bigserial", "int8", "smallserial", "int2");

    private TableDescriber() {
    }

    /**
     * @param connection an open connection to the source database
     * @param id the table
     * @return its columns in ordinal order and its primary key in key order
     * @throws SQLException if the metadata cannot be read, or (SQLState {@code 42S02}) the table is
     *         missing or its columns are not visible to this user
     */
    public static TableDescription describe(Connection connection, TableId id) throws SQLException {
        DatabaseKind kind = DatabaseKind.of(connection);
        DatabaseMetaData meta = connection.getMetaData();
        String catalog = kind == DatabaseKind.MARIADB ? id.schema() : null;
        String schema = kind == DatabaseKind.MARIADB ? null : id.schema();
        String escape = meta.getSearchStringEscape();

        List<ColumnInfo> columns = new ArrayList<>();
        try (ResultSet rs = meta.getColumns(catalog, schema == null ? null : escape(schema, escape),
                escape(id.table(), escape), "%")) {
            while (rs.next()) {
                if (!sameTable(rs, kind, id)) {
                    continue;
                }
                int size = rs.getInt("COLUMN_SIZE");
                int digits = rs.getInt("DECIMAL_DIGITS");
                Integer scale = rs.wasNull() ? null : Integer.valueOf(digits);
                String typeName = rs.getString("TYPE_NAME").toLowerCase(Locale.ROOT);
                if (kind == DatabaseKind.POSTGRES) {
                    typeName = PG_SERIALS.getOrDefault(typeName, typeName);
                    scale = postgresScale(typeName, size, scale);
                }
                columns.add(new ColumnInfo(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"), typeName, size, scale,
                        rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls, rs.getInt("ORDINAL_POSITION")));
            }
        }
        if (columns.isEmpty()) {
            throw new SQLException("Table " + id.qualified() + " not found, or its columns are not visible to this user",
                    "42S02");
        }
        columns.sort(Comparator.comparingInt(ColumnInfo::ordinal));
        if (kind == DatabaseKind.MARIADB) {
            columns = markMariaDbJson(connection, id, columns);
        }
        return new TableDescription(id, columns, primaryKey(meta, catalog, schema, id, kind));
    }

    /**
     * The declared scale of a PostgreSQL numeric, or null when none is declared. pgjdbc reports an
     * unconstrained numeric with size 0 (column) or 131089 (array element), both beyond the largest
     * declarable precision, 1000. PostgreSQL 15+ allows scales from -1000 to 1000, and pgjdbc reports
     * the 11-bit scale field of the type modifier as is, so a negative scale shows up as {@code 2048 + scale}.
     */
    private static Integer postgresScale(String typeName, int precision, Integer scale) {
        if (!typeName.equals("numeric") && !typeName.equals("_numeric")) {
            return scale;
        }
        if (scale == null || precision <= 0 || precision > 1000) {
            return null;
        }
        return scale > 1000 ? Integer.valueOf(scale - 2048) : scale;
    }

    private static List<String> primaryKey(DatabaseMetaData meta, String catalog, String schema, TableId id,
                                           DatabaseKind kind) throws SQLException {
        Map<Integer, String> bySequence = new TreeMap<>();
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, id.table())) {
            while (rs.next()) {
                if (sameTable(rs, kind, id)) {
                    bySequence.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME"));
                }
            }
        }
        return List.copyOf(bySequence.values());
    }

    private static boolean sameTable(ResultSet rs, DatabaseKind kind, TableId id) throws SQLException {
        String owner = kind == DatabaseKind.MARIADB ? rs.getString("TABLE_CAT") : rs.getString("TABLE_SCHEM");
        return id.table().equals(rs.getString("TABLE_NAME")) && (owner == null || id.schema().equals(owner));
    }

    /** MariaDB's JSON is {@code longtext} plus a column check {@code json_valid(`col`)}. */
    private static List<ColumnInfo> markMariaDbJson(Connection connection, TableId id, List<ColumnInfo> columns) {
        if (columns.stream().noneMatch(c -> c.typeName().equals("longtext"))) {
            return columns;
        }
        Set<String> clauses = new HashSet<>();
        String sql = "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS"
                + " WHERE CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, id.schema());
            ps.setString(2, id.table());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    clauses.add(Objects.toString(rs.getString(1), "").replace(" ", "").toLowerCase(Locale.ROOT));
                }
            }
        } catch (SQLException e) {
            // MySQL has no TABLE_NAME there, and a native JSON type instead: leave longtext as text.
            return columns;
        }
        List<ColumnInfo> marked = new ArrayList<>(columns.size());
        for (ColumnInfo c : columns) {
            String check = ("json_valid(`" + c.name().replace("`", "``") + "`)").toLowerCase(Locale.ROOT);
            marked.add(c.typeName().equals("longtext") && clauses.contains(check)
                    ? new ColumnInfo(c.name(), c.jdbcType(), "json", c.precision(), c.scale(), c.nullable(), c.ordinal())
                    : c);
        }
        return marked;
    }

    private static String escape(String name, String escape) {
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
