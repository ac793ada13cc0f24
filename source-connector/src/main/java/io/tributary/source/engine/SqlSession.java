package io.tributary.source.engine;

import java.sql.Connection;
import java.sql.SQLException;

/** A task's database connection, reopened when it is lost (the real one: {@code jdbc.RetryingConnection}). */
public interface SqlSession extends AutoCloseable {

    /** Work on a connection; it must be safe to run again on a fresh connection. */
    @FunctionalInterface
    interface SqlAction<T> {
        T run(Connection connection, boolean fresh) throws SQLException;
    }

    /** Runs {@code action}; {@code fresh} tells it the connection is new (open cursors and transactions are gone). */
    <T> T call(SqlAction<T> action) throws InterruptedException;

    /** Ends the current read-only transaction, if any, keeping the connection. */
    void endTransaction();

    @Override
    void close();
}
