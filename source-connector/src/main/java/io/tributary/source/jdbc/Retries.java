package io.tributary.source.jdbc;

import io.tributary.common.TransientErrors;
import java.sql.SQLException;

/**
 * Which database errors the source retries on a new connection: those {@link TransientErrors} (shared
 * with the sink) classifies as transient: lost connections, restarts, sessions ended for idling,
 * overload, serialization conflicts. And the backoff between attempts.
 */
public final class Retries {

    private Retries() {
    }

    public static boolean isRetriable(SQLException e) {
        return TransientErrors.isTransient(e);
    }

    /** The wait before attempt {@code attempt} (1-based): doubling from {@code firstMs}, at most a minute. */
    public static long backoffMs(long firstMs, int attempt) {
        long wait = firstMs << Math.min(attempt - 1, 16);
        return Math.min(wait, 60_000L);
    }
}
