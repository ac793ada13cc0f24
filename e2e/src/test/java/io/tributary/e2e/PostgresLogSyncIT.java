package io.tributary.e2e;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Log mode from PostgreSQL (logical replication, pgoutput): see {@link AbstractLogSyncIT}. */
@DevStackTest
class PostgresLogSyncIT extends AbstractLogSyncIT {

    private PostgresServer postgres;

    @BeforeEach
    void server(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    Connection source() throws SQLException {
        return postgres.connect();
    }

    @Override
    Map<String, String> sourceConnection() {
        return Map.of("connection.url", postgres.jdbcUrl(), "connection.user", postgres.user(), "connection.password",
                postgres.password());
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    String fillSql() {
        return "INSERT INTO ls_items SELECT g, 0, 'row ' || g FROM generate_series(1, " + ROWS + ") g";
    }

    @Override
    String name() {
        return "pglog";
    }

    /** A deleted connector keeps its slot (docs/operations.md): drop it, and the publication. */
    @Override
    void afterConnectorsDeleted() throws Exception {
        try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (true) {
                try {
                    s.execute("SELECT pg_drop_replication_slot('tributary_pglog') FROM pg_replication_slots"
                            + " WHERE slot_name = 'tributary_pglog'");
                    break;
                } catch (SQLException stillActive) {
                    if (System.nanoTime() > deadline) {
                        throw stillActive;
                    }
                    Thread.sleep(200); // the stopped task's replication connection closes
                }
            }
            s.execute("DROP PUBLICATION IF EXISTS tributary_pglog");
        }
    }
}
