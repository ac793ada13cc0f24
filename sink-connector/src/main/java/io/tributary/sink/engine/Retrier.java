package io.tributary.sink.engine;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Runs an action with bounded retries: transient failures (connection lost, S3 5xx, lock and
 * serialization conflicts) are retried with doubling backoff up to a number of attempts; anything
 * else, or the last failure, becomes a {@link ConnectException} naming the action.
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);

    /** Waits between attempts; tests replace it. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final int maxAttempts;
    private final Duration backoff;
    private final Sleeper sleeper;

    public Retrier(int maxAttempts, Duration backoff, Sleeper sleeper) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    public <T> T call(String action, Callable<T> callable) {
        Duration wait = backoff;
        for (int attempt = 1; ; attempt++) {
            try {
                return callable.call();
            } catch (Exception e) {
                if (!isRetriable(e) || attempt >= maxAttempts) {
                    throw new ConnectException("Could not " + action + " (attempt " + attempt + " of " + maxAttempts
                            + (isRetriable(e) ? ", transient" : ", not retriable") + "): " + describe(e), e);
                }
                LOG.warn("Could not {} (attempt {} of {}), retrying in {} ms: {}", action, attempt, maxAttempts,
                        wait.toMillis(), describe(e));
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new ConnectException("Interrupted while retrying to " + action, e);
                }
                wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
            }
        }
    }

    /** Transient failures: worth another attempt. */
    public static boolean isRetriable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TransientWarehouseException) {
                return true;
            }
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && retriableSql(sql)) {
                return true;
            }
            if (t instanceof SdkServiceException service) {
                return service.statusCode() >= 500 || service.statusCode() == 429 || service.isThrottlingException();
            }
            if (t instanceof SdkClientException) {
                return true;
            }
        }
        return false;
    }

    private static boolean retriableSql(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("23505") || state.equals("42P07") || state.equals("42710")
                // duplicate column: another writer added it first (Redshift has no ADD COLUMN IF NOT EXISTS);
                // the next attempt reads the columns again and skips it
                || state.equals("42701")) {
            return true;
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        // DuckDB: another process holds the file, or a write-write conflict between transactions;
        // Redshift: serializable isolation violation (error 1023); Snowflake: too many waiters for a table lock
        return message.contains("could not set lock") || message.contains("conflict") || message.contains("connection")
                || message.contains("serializable isolation violation") || message.contains("number of waiters for this lock")
                || message.contains("throttl");
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e) {
            text.append(" (caused by ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return text.toString();
    }
}
