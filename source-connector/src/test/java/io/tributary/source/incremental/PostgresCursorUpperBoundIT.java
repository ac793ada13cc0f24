package io.tributary.source.incremental;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.postgres.PostgresDialect;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** Fails with the old bound, {@code clock_timestamp()}: a poll read ids from the middle of the table first. */
@DevStackTest
class PostgresCursorUpperBoundIT extends AbstractCursorUpperBoundIT {

    @BeforeEach
    void server(PostgresServer postgres) {
        db = postgres;
    }

    @Override
    SourceDialect dialect() {
        return new PostgresDialect();
    }

    @Override
    String table() {
        return "public.bound_it";
    }

    @Override
    List<String> create(int marginSeconds) {
        return List.of("CREATE TABLE bound_it (id bigint PRIMARY KEY, updated_at timestamptz NOT NULL)",
                "CREATE TABLE bound_base AS SELECT clock_timestamp() + interval '" + marginSeconds + " seconds' AS base");
    }

    @Override
    String insert() {
        return "INSERT INTO bound_it SELECT g, (SELECT base FROM bound_base) + (g / 100) * interval '1 microsecond'"
                + " FROM generate_series(1, " + ROWS + ") g ORDER BY g";
    }

    @Override
    String secondsUntilBase() {
        return "SELECT extract(epoch FROM ((SELECT base FROM bound_base) - clock_timestamp()))";
    }
}
