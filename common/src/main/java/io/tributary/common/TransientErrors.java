package io.tributary.common;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;

/**
 * Which database failures are worth another attempt, the rules both connectors share: a lost or
 * refused connection, a server shutting down or restarting, a session the server ended for idling,
 * overload, and serialization or deadlock conflicts. What only one database or warehouse does is
 * classified next to it (the sink's destinations add their own rules).
 *
 * <p>Any throwable in the cause chain decides: {@link SQLTransientException},
 * {@link SQLRecoverableException} and {@link IOException} are transient, and so is an
 * {@link SQLException} whose SQLState is of class 08 (connection exception), 40 (transaction
 * rollback: serialization failure, deadlock), 53 (insufficient resources: too many connections) or
 * 57P (operator intervention: shutdown, crash, cannot connect now, idle session timeout), or is
 * 25P03 (idle-in-transaction session timeout); drivers that report a lost connection without a
 * specific SQLState (none, or the generic HY000) are recognised by the word "connection" in the
 * message.
 */
public final class TransientErrors {

    private TransientErrors() {
    }

    /** Whether {@code error}, or any of its causes, is transient. */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException || t instanceof IOException) {
                return true;
            }
            if (t instanceof SQLException sql && transientSql(sql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean transientSql(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("40") || state.startsWith("53") || state.startsWith("57P")
                || state.equals("25P03")) {
            return true;
        }
        boolean generic = state.isEmpty() || state.equals("HY000");
        return generic && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("connection");
    }

    /** Whether an {@link SQLException} in the cause chain has one of these SQLStates: for rules of one database. */
    public static boolean hasSqlState(Throwable error, String... states) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                for (String state : states) {
                    if (state.equals(sql.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether the message of an {@link SQLException} in the cause chain contains one of these texts,
     * ignoring case: for rules of one database whose driver gives no telling SQLState.
     */
    public static boolean hasSqlMessage(Throwable error, String... texts) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getMessage() != null) {
                String message = sql.getMessage().toLowerCase(Locale.ROOT);
                for (String text : texts) {
                    if (message.contains(text.toLowerCase(Locale.ROOT))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
