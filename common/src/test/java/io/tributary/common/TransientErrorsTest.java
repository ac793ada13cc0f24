package io.tributary.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransientErrorsTest {

    @Test
    void connectionRollbackResourceAndOperatorStatesAreTransient() {
        for (String state : List.of("08001", "08006", "40001", "40P01", "53300", "57P01", "57P03", "57P05", "25P03")) {
            assertTrue(TransientErrors.isTransient(new SQLException("x", state)), state);
        }
        for (String state : List.of("23505", "42P01", "42501", "42703", "22003", "28P01")) {
            assertFalse(TransientErrors.isTransient(new SQLException("x", state)), state);
        }
    }

    @Test
    void aLostConnectionWithoutATellingStateIsRecognisedByItsMessage() {
        assertTrue(TransientErrors.isTransient(new SQLException("(conn=12) Connection reset", "HY000")));
        assertTrue(TransientErrors.isTransient(new SQLException("Connection Error: Connection already closed")));
        assertFalse(TransientErrors.isTransient(new SQLException("column \"connection_id\" does not exist", "42703")),
                "a column named connection is not a lost connection");
        assertFalse(TransientErrors.isTransient(new SQLException("Table does not exist", "HY000")));
    }

    @Test
    void anyCauseDecides() {
        assertTrue(TransientErrors.isTransient(new RuntimeException("wrapped", new SQLTransientConnectionException("gone"))));
        assertTrue(TransientErrors.isTransient(new IllegalStateException("upload", new IOException("broken pipe"))));
        assertTrue(TransientErrors.isTransient(new RuntimeException(new SQLException("x", "40001"))));
        assertFalse(TransientErrors.isTransient(new IllegalStateException("bad config")));
        assertFalse(TransientErrors.isTransient(null));
    }

    @Test
    void rulesOfOneDatabaseMatchStatesAndMessagesAlongTheChain() {
        Exception race = new RuntimeException(new SQLException("relation \"t\" already exists", "42P07"));
        assertTrue(TransientErrors.hasSqlState(race, "42701", "42P07"));
        assertFalse(TransientErrors.hasSqlState(race, "23505"));
        Exception lock = new RuntimeException(new SQLException("IO Error: Could not set lock on file \"/data/w.duckdb\""));
        assertTrue(TransientErrors.hasSqlMessage(lock, "could not set lock"));
        assertFalse(TransientErrors.hasSqlMessage(new RuntimeException("could not set lock"), "could not set lock"),
                "only SQL failures' messages count");
    }
}
