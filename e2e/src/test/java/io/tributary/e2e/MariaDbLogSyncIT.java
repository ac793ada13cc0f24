package io.tributary.e2e;

import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/** Log mode from MariaDB (row-based binlog): see {@link AbstractLogSyncIT}. */
@DevStackTest
class MariaDbLogSyncIT extends AbstractLogSyncIT {

    private MariaDbServer mariadb;

    @BeforeEach
    void server(MariaDbServer mariadb) {
        this.mariadb = mariadb;
    }

    @Override
    Connection source() throws SQLException {
        return mariadb.connect();
    }

    @Override
    Map<String, String> sourceConnection() {
        return Map.of("connection.url", mariadb.jdbcUrl(), "connection.user", mariadb.user(), "connection.password",
                mariadb.password());
    }

    @Override
    String schema() {
        return "tributary";
    }

    @Override
    String fillSql() {
        return "INSERT INTO ls_items SELECT seq, 0, CONCAT('row ', seq) FROM seq_1_to_" + ROWS;
    }

    @Override
    String name() {
        return "mylog";
    }
}
