package io.tributary.source.incremental;

import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import io.tributary.source.dialect.SourceDialect;
import io.tributary.source.dialect.mysql.MySqlDialect;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

/** MariaDB's bound is NOW(6), the statement's start (SYSDATE(6) would be read per row). */
@DevStackTest
class MariaDbCursorUpperBoundIT extends AbstractCursorUpperBoundIT {

    @BeforeEach
    void server(MariaDbServer mariadb) {
        db = mariadb;
    }

    @Override
    SourceDialect dialect() {
        return new MySqlDialect();
    }

    @Override
    String table() {
        return "tributary.bound_it";
    }

    @Override
    List<String> create(int marginSeconds) {
        return List.of("CREATE TABLE bound_it (id bigint PRIMARY KEY, updated_at datetime(6) NOT NULL)",
                "CREATE TABLE bound_base AS SELECT SYSDATE(6) + INTERVAL " + marginSeconds + " SECOND AS base");
    }

    @Override
    String insert() {
        return "INSERT INTO bound_it SELECT seq, (SELECT base FROM bound_base) + INTERVAL (seq DIV 100) MICROSECOND"
                + " FROM seq_1_to_" + ROWS + " ORDER BY seq";
    }

    @Override
    String secondsUntilBase() {
        return "SELECT TIMESTAMPDIFF(MICROSECOND, SYSDATE(6), (SELECT base FROM bound_base)) / 1000000";
    }
}
