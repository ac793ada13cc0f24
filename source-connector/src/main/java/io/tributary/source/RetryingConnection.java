package io.tributary.source;

import java.sql.Connection;
import java.sql.SQLException;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database connection of a task that survives losing it: an action that fails with a retriable
 * error is run again on a new connection after a doubling backoff, at most {@code attempts} times;
 * then the task fails with the reason. Other errors fail at once.
 */
final class RetryingConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingConnection.class);

    /** Work on a connection; it must be safe to run again on a fresh connection. */
    interface SqlAction<T> {
        T run(Connection connection, boolean fresh) throws SQLException;
    }

    private final JdbcConnections connections;
    private final int attempts;
    private final long backoffMs;
    private final String purpose;
    private Connection connection;
    private volatile boolean closed;

    RetryingConnection(JdbcConnections connections, int attempts, long backoffMs, String purpose) {
        this.connections = connections;
        this.attempts = attempts;
        this.backoffMs = backoffMs;
        this.purpose = purpose;
    }

    /** Runs {@code action}; {@code fresh} tells it the connection is new (state such as open cursors is gone). */
    <T> T call(SqlAction<T> action) throws InterruptedException {
        int attempt = 0;
        while (true) {
            boolean fresh = false;
            try {
                if (closed) {
                    throw new ConnectException(purpose + " stopped");
                }
                if (connection == null) {
                    connection = connections.open();
                    fresh = true;
                }
                T result = action.run(connection, fresh);
                if (closed) {
                    closeQuietly(); // stop() ran meanwhile: nothing may stay open
                }
                return result;
            } catch (SQLException e) {
                closeQuietly();
                if (closed) {
                    throw new ConnectException(purpose + " stopped", e);
                }
                attempt++;
                if (!Retries.isRetriable(e)) {
                    throw new ConnectException(purpose + " failed on " + connections.describe() + ": " + e.getMessage()
                            + " (SQLState " + e.getSQLState() + ")", e);
                }
                if (attempt > attempts) {
                    throw new ConnectException(purpose + " failed on " + connections.describe() + " after " + attempts
                            + " retries: " + e.getMessage(), e);
                }
                long wait = Retries.backoffMs(backoffMs, attempt);
                LOG.warn("{} lost its connection to {} ({}); retry {}/{} in {} ms", purpose, connections.describe(),
                        e.getMessage(), attempt, attempts, wait);
                Thread.sleep(wait);
            }
        }
    }

    /** Ends the current read-only transaction, if any, keeping the connection. */
    void endTransaction() {
        try {
            if (connection != null && !connection.getAutoCommit()) {
                connection.commit();
            }
        } catch (SQLException e) {
            closeQuietly();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly();
    }

    private void closeQuietly() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already broken
            }
            connection = null;
        }
    }
}
