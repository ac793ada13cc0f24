package io.tributary.source.it;

import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class MariaDbSchemaChangeIT extends AbstractSchemaChangeIT {

    @BeforeEach
    void server(MariaDbServer mariadb) {
        db = mariadb;
    }

    @Override
    String schema() {
        return "tributary";
    }

    @Override
    String cursorDefinition() {
        return "datetime(6) NOT NULL DEFAULT NOW(6)";
    }

    @Override
    String now() {
        return "NOW(6)";
    }

    @Override
    String alterType(String column, String type) {
        return "ALTER TABLE shape MODIFY " + column + " " + type;
    }

    @Override
    String numeric(int precision, int scale) {
        return "decimal(" + precision + ", " + scale + ")";
    }
}
