package io.tributary.source.it;

import io.tributary.devstack.MariaDbServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class MariaDbKeyTypesIT extends AbstractKeyTypesIT {

    @BeforeEach
    void server(MariaDbServer mariadb) {
        db = mariadb;
    }

    @Override
    String schema() {
        return "tributary";
    }

    @Override
    List<String> createTable(String table, String keyKind) {
        // MariaDB's sequence engine: seq_1_to_N is a table of the numbers 1..N
        String rows = "(SELECT seq AS g FROM seq_1_to_" + ROWS + ") s";
        return List.of("DROP TABLE IF EXISTS " + table, switch (keyKind) {
            case "text" -> "CREATE TABLE " + table + " (k varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin PRIMARY KEY, v int)";
            case "uuid" -> "CREATE TABLE " + table + " (k UUID PRIMARY KEY, v int)";
            case "date" -> "CREATE TABLE " + table + " (k date PRIMARY KEY, v int)";
            default -> "CREATE TABLE " + table + " (a int, b varchar(20), v int, PRIMARY KEY (a, b))";
        }, switch (keyKind) {
            case "text" -> "INSERT INTO " + table + " SELECT CONCAT(ELT(g % 8 + 1, 'a','B','é','Z','日本','🙂','aa',''), g), g FROM " + rows;
            case "uuid" -> "INSERT INTO " + table + " SELECT UUID(), g FROM " + rows;
            case "date" -> "INSERT INTO " + table + " SELECT DATE_ADD('1900-01-01', INTERVAL g * 13 DAY), g FROM " + rows;
            default -> "INSERT INTO " + table + " SELECT g % 7, CONCAT('x', g), g FROM " + rows;
        });
    }

    @Override
    String databaseKey(ResultSet rs, String keyKind) throws SQLException {
        return switch (keyKind) {
            case "date" -> Long.toString(rs.getObject(1, java.time.LocalDate.class).toEpochDay());
            case "composite" -> rs.getInt(1) + "|" + rs.getString(2);
            default -> rs.getString(1);
        };
    }
}
