package io.tributary.sink.destination.redshift;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Asks a PostgreSQL-family warehouse (PostgreSQL, Redshift) what the connected user may do, so
 * {@code validate()} can name the missing privilege. An interface, so the messages are unit-tested
 * with fakes.
 */
public interface PrivilegeProbe extends AutoCloseable {

    String user() throws SQLException;

    String database() throws SQLException;

    boolean schemaExists(String schema) throws SQLException;

    /** e.g. CREATE, USAGE. */
    boolean hasSchemaPrivilege(String schema, String privilege) throws SQLException;

    /** e.g. CREATE, TEMP. */
    boolean hasDatabasePrivilege(String privilege) throws SQLException;

    @Override
    void close() throws SQLException;

    /** Opens a probe; fails with the connection error. */
    @FunctionalInterface
    interface Factory {
        PrivilegeProbe open() throws SQLException;
    }

    /** The probe over a JDBC connection, with the functions PostgreSQL and Redshift share. */
    static PrivilegeProbe jdbc(Connection connection) {
        return new PrivilegeProbe() {
            @Override
            public String user() throws SQLException {
                return string("SELECT current_user");
            }

            @Override
            public String database() throws SQLException {
                return string("SELECT current_database()");
            }

            @Override
            public boolean schemaExists(String schema) throws SQLException {
                return bool("SELECT COUNT(*) > 0 FROM pg_namespace WHERE nspname = ?", schema);
            }

            @Override
            public boolean hasSchemaPrivilege(String schema, String privilege) throws SQLException {
                return bool("SELECT has_schema_privilege(?, ?)", schema, privilege);
            }

            @Override
            public boolean hasDatabasePrivilege(String privilege) throws SQLException {
                return bool("SELECT has_database_privilege(current_database(), ?)", privilege);
            }

            @Override
            public void close() throws SQLException {
                connection.close();
            }

            private String string(String sql) throws SQLException {
                try (PreparedStatement statement = connection.prepareStatement(sql); ResultSet rows = statement.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                }
            }

            private boolean bool(String sql, String... args) throws SQLException {
                try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    for (int i = 0; i < args.length; i++) {
                        statement.setString(i + 1, args[i]);
                    }
                    try (ResultSet rows = statement.executeQuery()) {
                        return rows.next() && rows.getBoolean(1);
                    }
                }
            }
        };
    }
}
