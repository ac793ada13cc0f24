package io.tributary.devstack.quickstart;

import io.tributary.devstack.quickstart.SampleDataset.TableSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Compares a source table with its warehouse copy row for row and value for value, streaming both
 * sides in the same key order (memory stays flat for a million rows). Values are compared in a
 * canonical text form: timestamps as epoch microseconds, everything else as the database prints it.
 * The source's soft-deleted rows must be absent from the warehouse.
 */
public final class TableComparison {

    /** The outcome for one table. */
    public record Result(String table, long sourceRows, long warehouseRows, long differences, List<String> examples) {
        public boolean equal() {
            return differences == 0;
        }

        @Override
        public String toString() {
            return table + ": " + sourceRows + " live source rows, " + warehouseRows + " warehouse rows, "
                    + (equal() ? "equal row for row" : differences + " differences, e.g. " + examples);
        }
    }

    private TableComparison() {
    }

    /** The SELECT that prints {@code table} canonically, for PostgreSQL or DuckDB. */
    public static String canonicalSelect(TableSpec table, QuickstartOptions.Destination dialect, boolean liveOnly) {
        boolean duck = dialect == QuickstartOptions.Destination.DUCKDB;
        String columns = table.columns().stream().filter(c -> !c.equals("deleted_at"))
                .map(c -> table.isTimestamp(c)
                        ? (duck ? "CAST(epoch_us(" + c + ") AS VARCHAR)" : "((extract(epoch FROM " + c + ") * 1000000)::bigint)::text")
                        : (duck ? "CAST(" + c + " AS VARCHAR)" : c + "::text"))
                .collect(Collectors.joining(", "));
        String order = table.keyColumns().stream()
                .map(c -> duck ? "CAST(" + c + " AS VARCHAR)" : c + "::text COLLATE \"C\"")
                .collect(Collectors.joining(", "));
        return "SELECT " + columns + " FROM " + table.qualified() + (liveOnly ? " WHERE deleted_at IS NULL" : "")
                + " ORDER BY " + order;
    }

    /** @param softDeletes whether soft-deleted source rows are absent from the warehouse (cursor mode) */
    public static Result compare(TableSpec table, Connection source, Connection warehouse,
            QuickstartOptions.Destination dialect, boolean softDeletes) throws SQLException {
        int keys = table.keyColumns().size();
        long sourceRows = 0;
        long warehouseRows = 0;
        long differences = 0;
        List<String> examples = new ArrayList<>();
        try (Statement s = statement(source); ResultSet a = s.executeQuery(canonicalSelect(table, QuickstartOptions.Destination.POSTGRES, softDeletes));
                Statement w = statement(warehouse); ResultSet b = w.executeQuery(canonicalSelect(table, dialect, false))) {
            List<String> left = next(a);
            List<String> right = next(b);
            while (left != null || right != null) {
                int order = left == null ? 1 : right == null ? -1 : compareKeys(left, right, keys);
                if (order == 0) {
                    sourceRows++;
                    warehouseRows++;
                    if (!left.equals(right)) {
                        differences = note(examples, differences, "source " + left + " vs warehouse " + right);
                    }
                    left = next(a);
                    right = next(b);
                } else if (order < 0) {
                    sourceRows++;
                    differences = note(examples, differences, "missing in warehouse: " + left);
                    left = next(a);
                } else {
                    warehouseRows++;
                    differences = note(examples, differences, "not in source (or deleted there): " + right);
                    right = next(b);
                }
            }
        }
        return new Result(table.qualified(), sourceRows, warehouseRows, differences, examples);
    }

    private static long note(List<String> examples, long differences, String example) {
        if (examples.size() < 3) {
            examples.add(example);
        }
        return differences + 1;
    }

    private static int compareKeys(List<String> left, List<String> right, int keys) {
        for (int i = 0; i < keys; i++) {
            int c = Objects.compare(left.get(i), right.get(i), TableComparison::binary);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** Byte-wise UTF-8 order, as COLLATE "C" and DuckDB order text. */
    private static int binary(String a, String b) {
        return java.util.Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static Statement statement(Connection connection) throws SQLException {
        if (connection.getMetaData().getURL().startsWith("jdbc:postgresql:")) {
            connection.setAutoCommit(false); // pgjdbc streams with a fetch size only inside a transaction
        }
        Statement statement = connection.createStatement();
        statement.setFetchSize(10_000);
        return statement;
    }

    private static List<String> next(ResultSet rs) throws SQLException {
        if (!rs.next()) {
            return null;
        }
        int n = rs.getMetaData().getColumnCount();
        List<String> row = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            row.add(rs.getString(i));
        }
        return row;
    }
}
