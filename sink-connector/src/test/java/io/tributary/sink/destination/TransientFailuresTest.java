package io.tributary.sink.destination;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.destination.duckdb.DuckDbDialect;
import io.tributary.sink.destination.postgres.PostgresDialect;
import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.destination.snowflake.SnowflakeDialect;
import io.tributary.sink.destination.sql.SqlDialect;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each destination adds to the shared transient rules: its own words for a conflict worth another attempt. */
class TransientFailuresTest {

    private static final SqlDialect POSTGRES = new PostgresDialect();
    private static final SqlDialect DUCKDB = new DuckDbDialect();
    private static final SqlDialect REDSHIFT = new RedshiftDialect(null, null);
    private static final SqlDialect SNOWFLAKE = new SnowflakeDialect(null, null);

    @Test
    void everySqlWarehouseRetriesACatalogRaceWithAnotherWriter() {
        for (SqlDialect dialect : List.of(POSTGRES, DUCKDB, REDSHIFT, SNOWFLAKE)) {
            for (String state : List.of("23505", "42P07", "42710", "42701")) {
                assertTrue(dialect.isTransient(new RuntimeException(new SQLException("already exists", state))),
                        dialect.getClass().getSimpleName() + " " + state);
            }
            assertFalse(dialect.isTransient(new SQLException("permission denied", "42501")), dialect.getClass().getSimpleName());
        }
    }

    @Test
    void eachWarehouseKnowsItsOwnConflicts() {
        SQLException lock = new SQLException("IO Error: Could not set lock on file \"/data/w.duckdb\": Conflicting lock is held");
        SQLException writeConflict = new SQLException("TransactionContext Error: Failed to commit: write-write conflict on key");
        SQLException serializable = new SQLException("ERROR: 1023 DETAIL: Serializable isolation violation on table - 1234", "XX000");
        SQLException waiters = new SQLException("Number of waiters for this lock exceeds the 20 statements limit", "00000");
        assertTrue(DUCKDB.isTransient(lock) && DUCKDB.isTransient(writeConflict));
        assertTrue(REDSHIFT.isTransient(serializable));
        assertTrue(SNOWFLAKE.isTransient(waiters));
        for (SQLException other : List.of(lock, serializable, waiters)) {
            assertFalse(POSTGRES.isTransient(other), "not PostgreSQL's words: " + other.getMessage());
        }
        assertFalse(DUCKDB.isTransient(serializable));
        assertFalse(REDSHIFT.isTransient(lock));
    }
}
