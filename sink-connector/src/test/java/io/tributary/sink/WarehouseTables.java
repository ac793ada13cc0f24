package io.tributary.sink;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.kafka.connect.data.Struct;

/** Reads the customers table the same way from PostgreSQL and DuckDB, and builds the expected rows. */
final class WarehouseTables {

    /** Opens a connection to the warehouse. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    private WarehouseTables() {
    }

    /** id to the row's values, as the source had them. */
    static List<Object> expected(Struct row) {
        List<Object> values = new ArrayList<>();
        values.add(row.getString("name"));
        values.add(((java.math.BigDecimal) row.get("balance")).toPlainString());
        values.add(row.getBoolean("active"));
        values.add(LocalDate.ofInstant(((java.util.Date) row.get("born")).toInstant(), ZoneOffset.UTC));
        long micros = row.getInt64("updated");
        values.add(LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), (int) Math.floorMod(micros, 1_000_000L) * 1000, ZoneOffset.UTC));
        values.add(row.getString("ref"));
        return values;
    }

    /** The customers rows; fails on two rows with one key. */
    static Map<Long, List<Object>> read(Connector connector, String table) throws SQLException {
        Map<Long, List<Object>> rows = new TreeMap<>();
        try (Connection c = connector.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, name, balance, active, born, updated, CAST(ref AS VARCHAR) FROM " + table)) {
            while (rs.next()) {
                List<Object> values = new ArrayList<>();
                values.add(rs.getString(2));
                values.add(rs.getBigDecimal(3).toPlainString());
                values.add(rs.getBoolean(4));
                values.add(rs.getObject(5, LocalDate.class));
                values.add(rs.getObject(6, LocalDateTime.class));
                values.add(rs.getString(7));
                if (rows.put(rs.getLong(1), values) != null) {
                    throw new AssertionError("two rows with id " + rs.getLong(1) + " in " + table);
                }
            }
        }
        return rows;
    }

    /** Polls until {@code actual} equals {@code expected}; tolerates a missing table and DuckDB's file lock meanwhile. */
    static <T> T awaitEqual(T expected, Supplier<T> actual, long timeoutMs, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        T last = null;
        String error = null;
        while (System.currentTimeMillis() < deadline) {
            try {
                last = actual.get();
                error = null;
                if (expected.equals(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                error = e.getMessage();
            }
            Thread.sleep(1000);
        }
        throw new AssertionError(what + " did not reach the expected state within " + timeoutMs + " ms; "
                + (error != null ? "last error: " + error : "differences: " + diff(expected, last)));
    }

    private static String diff(Object expected, Object actual) {
        if (expected instanceof Map<?, ?> e && actual instanceof Map<?, ?> a) {
            List<String> lines = new ArrayList<>();
            e.forEach((k, v) -> {
                if (!v.equals(a.get(k))) {
                    lines.add(k + ": expected " + v + " but was " + a.get(k));
                }
            });
            a.keySet().stream().filter(k -> !e.containsKey(k)).forEach(k -> lines.add(k + ": unexpected " + a.get(k)));
            return lines.size() + " rows differ, e.g. " + lines.subList(0, Math.min(5, lines.size()));
        }
        return "expected " + expected + " but was " + actual;
    }
}
