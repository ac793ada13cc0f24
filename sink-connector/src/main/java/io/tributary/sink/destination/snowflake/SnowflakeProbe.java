package io.tributary.sink.destination.snowflake;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** What validate() asks a Snowflake session; an interface so the messages are unit-tested with fakes. */
public interface SnowflakeProbe extends AutoCloseable {

    /** The session's warehouse, or null when neither the URL nor the user's default names one. */
    String currentWarehouse() throws SQLException;

    String currentDatabase() throws SQLException;

    String currentRole() throws SQLException;

    /** Null when the stage exists and the role may use it, else the error. */
    String stageProblem(String stage);

    /** Null when the role may create tables in the schema (creating it if missing), else the error. */
    String schemaProblem(String schema);

    @Override
    void close() throws SQLException;

    @FunctionalInterface
    interface Factory {
        SnowflakeProbe open() throws SQLException;
    }

    static SnowflakeProbe jdbc(Connection connection) {
        return new SnowflakeProbe() {
            @Override
            public String currentWarehouse() throws SQLException {
                return string("SELECT CURRENT_WAREHOUSE()");
            }

            @Override
            public String currentDatabase() throws SQLException {
                return string("SELECT CURRENT_DATABASE()");
            }

            @Override
            public String currentRole() throws SQLException {
                return string("SELECT CURRENT_ROLE()");
            }

            @Override
            public String stageProblem(String stage) {
                return problem("DESCRIBE STAGE " + stage);
            }

            @Override
            public String schemaProblem(String schema) {
                // a temporary table proves USAGE and CREATE TABLE without leaving anything behind
                String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
                String missing = problem("DESCRIBE SCHEMA " + quoted);
                if (missing != null) {
                    return problem("SELECT 1 WHERE FALSE") == null ? "schema " + schema + " is not visible: " + missing : missing;
                }
                return problem("CREATE TEMPORARY TABLE " + quoted + ".\"tributary_validate\" (x INT)");
            }

            @Override
            public void close() throws SQLException {
                connection.close();
            }

            private String problem(String sql) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                    return null;
                } catch (SQLException e) {
                    return e.getMessage();
                }
            }

            private String string(String sql) throws SQLException {
                try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
                    rows.next();
                    return rows.getString(1);
                }
            }
        };
    }
}
