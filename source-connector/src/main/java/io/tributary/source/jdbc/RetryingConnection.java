package io.tributary.source.jdbc;

import io.tributary.source.engine.SqlSession;
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
public final class RetryingConnection implements SqlSession {

    private static final Logger LOG = LoggerFactory.getLogger(RetryingConnection.class);

    private final JdbcConnections connections;
    private final int attempts;
    private final long backoffMs;
    private final String purpose;
    private Connection connection;
    private volatile boolean closed;

    public RetryingConnection(JdbcConnections connections, int attempts, long backoffMs, String purpose) {
        this.connections = connections;
        this.attempts = attempts;
        this.backoffMs = backoffMs;
        this.purpose = purpose;
    }

    @Override
    public <T> T call(SqlAction<T> action) throws InterruptedException {
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

    @Override
    public void endTransaction() {
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
