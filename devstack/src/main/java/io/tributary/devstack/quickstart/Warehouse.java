package io.tributary.devstack.quickstart;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;

/**
 * The destination as the quickstart reads it: DuckDB (opened read-only for each look, and closed at
 * once, because the sink opens the file for every merge and DuckDB allows one writer) or a PostgreSQL
 * database. A look that finds the DuckDB file locked by a merge waits and tries again.
 */
public final class Warehouse {

    private static final Duration LOCK_RETRY = Duration.ofMillis(150);
    private static final int LOCK_ATTEMPTS = 200;

    private final QuickstartOptions.Destination kind;
    private final String url;
    private final String user;
    private final String password;

    private Warehouse(QuickstartOptions.Destination kind, String url, String user, String password) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static Warehouse duckDb(Path file) {
        return new Warehouse(QuickstartOptions.Destination.DUCKDB, "jdbc:duckdb:" + file.toAbsolutePath(), null, null);
    }

    public static Warehouse postgres(String url, String user, String password) {
        return new Warehouse(QuickstartOptions.Destination.POSTGRES, url, user, password);
    }

    public QuickstartOptions.Destination kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    /** Something done with an open connection. */
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** Opens a connection, does {@code work}, closes it; retries while a merge holds the DuckDB file. */
    public <T> T read(Work<T> work) throws SQLException {
        SQLException last = null;
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            try (Connection connection = open()) {
                return work.apply(connection);
            } catch (SQLException e) {
                if (!isLocked(e)) {
                    throw e;
                }
                last = e;
            }
            try {
                Thread.sleep(LOCK_RETRY.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the warehouse lock", e);
            }
        }
        throw last;
    }

    /** Rows in a final table; 0 while the sink has not created it yet. */
    public long count(String table) throws SQLException {
        return read(c -> {
            if (!exists(c, table)) {
                return 0L;
            }
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** A first value of a query as text, null for no row. */
    public static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /** Whether {@code schema.table} exists. */
    public static boolean exists(Connection connection, String qualified) throws SQLException {
        String[] parts = qualified.split("\\.", -1);
        try (var ps = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?")) {
            ps.setString(1, parts[0]);
            ps.setString(2, parts[1]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private Connection open() throws SQLException {
        Properties properties = new Properties();
        if (kind == QuickstartOptions.Destination.DUCKDB) {
            properties.setProperty("duckdb.read_only", "true");
            properties.setProperty("autoinstall_known_extensions", "false");
            properties.setProperty("autoload_known_extensions", "false");
        } else {
            properties.setProperty("user", user);
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }

    static boolean isLocked(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("lock") || message.contains("conflicting")) {
                return true;
            }
        }
        return false;
    }
}
