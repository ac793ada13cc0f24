package io.tributary.sink;

import io.tributary.devstack.DuckDbWarehouse;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class DuckDbStaleRowsIT extends AbstractStaleRowsIT {

    private DuckDbWarehouse duckdb;

    @BeforeEach
    void setUp(DuckDbWarehouse duckdb) {
        this.duckdb = duckdb;
    }

    @Override
    Map<String, String> destinationConfig() {
        return Map.of("destination", "duckdb", "warehouse.url", duckdb.jdbcUrl());
    }

    @Override
    Connection connect() throws SQLException {
        return duckdb.connect();
    }
}
