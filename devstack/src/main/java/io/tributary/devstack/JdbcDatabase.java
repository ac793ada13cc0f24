package io.tributary.devstack;

import java.sql.Connection;
import java.sql.SQLException;

/** A database server of the devstack that a JDBC client reaches: PostgreSQL or MariaDB. */
public interface JdbcDatabase {

    /** The JDBC URL of its default database (no credentials in it). */
    String jdbcUrl();

    String user();

    String password();

    /** A new connection to its default database; the caller closes it. */
    Connection connect() throws SQLException;
}
