package io.tributary.source.it;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class PostgresIncrementalIT extends AbstractIncrementalIT {

    @BeforeEach
    void server(PostgresServer postgres) {
        db = postgres;
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    String createTable() {
        return "CREATE TABLE inc (id int PRIMARY KEY, name text NOT NULL, updated_at timestamptz NOT NULL DEFAULT now())";
    }

    @Override
    String insertRange(int from, int to, String name) {
        return "INSERT INTO inc (id, name) SELECT g, '" + name + "' FROM generate_series(" + from + ", " + to + ") g";
    }

    @Override
    String update(String where, String name) {
        return "UPDATE inc SET name = '" + name + "', updated_at = clock_timestamp() WHERE " + where;
    }
}
