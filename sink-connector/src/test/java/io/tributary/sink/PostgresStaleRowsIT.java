package io.tributary.sink;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class PostgresStaleRowsIT extends AbstractStaleRowsIT {

    private PostgresServer postgres;

    @BeforeEach
    void setUp(PostgresServer postgres) {
        this.postgres = postgres;
    }

    @Override
    Map<String, String> destinationConfig() {
        return Map.of("destination", "postgres", "warehouse.url", postgres.jdbcUrl(), "warehouse.user", postgres.user(),
                "warehouse.password", postgres.password());
    }

    @Override
    Connection connect() throws SQLException {
        return postgres.connect();
    }
}
