package io.tributary.source.it;

import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class MariaDbIncrementalIT extends AbstractIncrementalIT {

    @BeforeEach
    void server(MariaDbServer mariadb) {
        db = mariadb;
    }

    @Override
    String schema() {
        return "tributary";
    }

    @Override
    String createTable() {
        return "CREATE TABLE inc (id int PRIMARY KEY, name varchar(40) NOT NULL,"
                + " updated_at datetime(6) NOT NULL DEFAULT NOW(6))";
    }

    @Override
    String insertRange(int from, int to, String name) {
        return "INSERT INTO inc (id, name) SELECT seq, '" + name + "' FROM seq_" + from + "_to_" + to;
    }

    @Override
    String update(String where, String name) {
        return "UPDATE inc SET name = '" + name + "', updated_at = NOW(6) WHERE " + where;
    }
}
