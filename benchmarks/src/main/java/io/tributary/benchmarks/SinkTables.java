package io.tributary.benchmarks;

import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.PostgresServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * What the sink suite checks in the warehouse: whether a table holds the final state, its checksum
 * (PostgreSQL) or summary (PostgreSQL and DuckDB alike), and how many statements wrote it
 * ({@code pg_stat_statements}, preloaded by {@link Benchmarks}).
 */
final class SinkTables {

    private final PostgresServer postgres;
    private final String database;

    SinkTables(PostgresServer postgres, String database) {
        this.postgres = postgres;
        this.database = database;
    }

    /** The table's summary once the deleted connector's task has let go of the DuckDB file. */
    static String awaitSummary(DuckDbWarehouse duckdb, String table) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                return summary(duckdb::connect, table);
            } catch (SQLException busy) {
                if (System.nanoTime() > deadline) {
                    throw busy;
                }
                Thread.sleep(250);
            }
        }
    }

    /** Opens a connection to one database. */
    interface Connector {
        Connection connect() throws SQLException;
    }

    /** Row count and sums over the columns, computed alike by PostgreSQL and DuckDB. */
    static String summary(Connector connector, String table) throws SQLException {
        try (Connection c = connector.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), sum(version), sum(quantity), sum(amount), count(DISTINCT email),"
                        + " sum(CASE WHEN active THEN 1 ELSE 0 END) FROM " + table)) {
            rs.next();
            return rs.getLong(1) + " rows, versions " + rs.getLong(2) + ", quantities " + rs.getLong(3) + ", amounts "
                    + rs.getBigDecimal(4).stripTrailingZeros().toPlainString() + ", emails " + rs.getLong(5) + ", active " + rs.getLong(6);
        }
    }

    void resetStatementCounts() throws SQLException {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_statements_reset()");
        }
    }

    /**
     * Executions of statements that wrote {@code table} (insert, update, delete, merge; pg_stat_statements)
     * since the last reset: what a warehouse that bills or locks per statement would see.
     */
    double statementsWriting(String table) throws SQLException {
        String bare = table.substring(table.indexOf('.') + 1);
        try (Connection c = postgres.connect(database); PreparedStatement s = c.prepareStatement(
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements p JOIN pg_database d ON d.oid = p.dbid WHERE d.datname = ?"
                        + " AND p.query ~* ?")) {
            s.setString(1, database);
            s.setString(2, "^\\s*(insert\\s+into|update|delete\\s+from|merge\\s+into)\\s+(\"?[a-z0-9_]+\"?\\.)?\"?" + bare + "\"?(\\s|\\(|$)");
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                long calls = rs.getLong(1);
                if (calls == 0) {
                    throw new IllegalStateException("no statement wrote " + table + " according to pg_stat_statements: the count is wrong");
                }
                return calls;
            }
        }
    }

    /**
     * What the database spent most time on since the last reset (pg_stat_statements), one line per kind of
     * statement for the benchmark's log: calls, total and mean milliseconds, megabytes written to temporary
     * tables beyond temp_buffers and spilled by sorts beyond work_mem, the start of the text. Statements
     * are grouped by their first 60 characters, as one on a temporary table counts anew for each table created.
     */
    String slowestStatements(int limit) throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = postgres.connect(database); PreparedStatement s = c.prepareStatement(
                "SELECT sum(calls), sum(total_exec_time), min(regexp_replace(query, '\\s+', ' ', 'g')), sum(local_blks_written),"
                        + " sum(temp_blks_written) FROM pg_stat_statements p"
                        + " JOIN pg_database d ON d.oid = p.dbid WHERE d.datname = ? GROUP BY left(regexp_replace(query, '\\s+', ' ', 'g'), 60)"
                        + " ORDER BY 2 DESC LIMIT ?")) {
            s.setString(1, database);
            s.setInt(2, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String query = rs.getString(3);
                    out.append(String.format("    %6d calls %9.0f ms total %8.1f ms mean %7d MB temp tables %7d MB spilled  %s%n", rs.getLong(1),
                            rs.getDouble(2), rs.getDouble(2) / Math.max(1, rs.getLong(1)), rs.getLong(4) * 8 / 1024, rs.getLong(5) * 8 / 1024,
                            query.substring(0, Math.min(140, query.length()))));
                }
            }
        }
        return out.toString();
    }

    /** True when {@code table} holds {@code rows} rows whose versions sum to {@code versionSum}. */
    boolean matches(String table, long rows, long versionSum) {
        // only asked once the consumer group caught up, so the scan does not compete with the sinks
        try (Connection c = postgres.connect(database); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(version), 0) FROM " + table)) {
            rs.next();
            return rs.getLong(1) == rows && rs.getLong(2) == versionSum;
        } catch (SQLException notYet) {
            return false;
        }
    }

    /** Row count and an order-independent hash over every column's text, the same for any column types that hold the same values. */
    String checksum(String table) throws SQLException {
        try (Connection c = postgres.connect(database); Statement s = c.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            try (ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(hashtext(concat_ws('|', id, name, email, amount::numeric(12,2),"
                    + " quantity, price, active, born, (extract(epoch FROM updated_at) * 1000)::bigint, version))::bigint), 0) FROM " + table)) {
                rs.next();
                return rs.getLong(1) + " rows, hash " + rs.getLong(2);
            }
        }
    }
}
