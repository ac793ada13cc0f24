package io.tributary.source.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Which database errors are worth a retry: lost connections (also sessions the server ended for
 * idling), restarts, overload, serialization conflicts.
 */
public final class Retries {

    private Retries() {
    }

    public static boolean isRetriable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08") // connection exception
                        || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") // admin shutdown, crash, cannot connect now
                        // idle_in_transaction_session_timeout (a chunk's transaction idles while the throttle
                        // sleeps or Kafka pushes back), idle_session_timeout (between incremental polls)
                        || state.equals("25P03") || state.equals("57P05")
                        || state.equals("53300") // too many connections
                        || state.equals("40001") || state.equals("40P01") // serialization failure, deadlock
                        || state.equals("HY000") && String.valueOf(sql.getMessage()).contains("onnection")) {
                    return true;
                }
            }
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }

    /** The wait before attempt {@code attempt} (1-based): doubling from {@code firstMs}, at most a minute. */
    public static long backoffMs(long firstMs, int attempt) {
        long wait = firstMs << Math.min(attempt - 1, 16);
        return Math.min(wait, 60_000L);
    }
}
