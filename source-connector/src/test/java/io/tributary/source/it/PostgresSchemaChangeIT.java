package io.tributary.source.it;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class PostgresSchemaChangeIT extends AbstractSchemaChangeIT {

    @BeforeEach
    void server(PostgresServer postgres) {
        db = postgres;
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    String cursorDefinition() {
        return "timestamptz NOT NULL DEFAULT clock_timestamp()";
    }

    @Override
    String now() {
        return "clock_timestamp()";
    }

    @Override
    String alterType(String column, String type) {
        return "ALTER TABLE shape ALTER COLUMN " + column + " TYPE " + type;
    }

    @Override
    String numeric(int precision, int scale) {
        return "numeric(" + precision + ", " + scale + ")";
    }
}
