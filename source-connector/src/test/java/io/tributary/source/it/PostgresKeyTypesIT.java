package io.tributary.source.it;

import io.tributary.devstack.PostgresServer;
import io.tributary.devstack.junit.DevStackTest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;

@DevStackTest
class PostgresKeyTypesIT extends AbstractKeyTypesIT {

    @BeforeEach
    void server(PostgresServer postgres) {
        db = postgres;
    }

    @Override
    String schema() {
        return "public";
    }

    @Override
    List<String> createTable(String table, String keyKind) {
        String rows = "generate_series(1, " + ROWS + ") g";
        return List.of("DROP TABLE IF EXISTS " + table, switch (keyKind) {
            case "text" -> "CREATE TABLE " + table + " (k text PRIMARY KEY, v int)";
            case "uuid" -> "CREATE TABLE " + table + " (k uuid PRIMARY KEY, v int)";
            case "date" -> "CREATE TABLE " + table + " (k date PRIMARY KEY, v int)";
            default -> "CREATE TABLE " + table + " (a int, b varchar(20), v int, PRIMARY KEY (a, b))";
        }, switch (keyKind) {
            // mixed case, accents, CJK and emoji: binary order differs from any linguistic collation
            case "text" -> "INSERT INTO " + table + " SELECT (ARRAY['a','B','é','Z','日本','🙂','aa',''])[g % 8 + 1] || g, g FROM " + rows;
            case "uuid" -> "INSERT INTO " + table + " SELECT gen_random_uuid(), g FROM " + rows;
            case "date" -> "INSERT INTO " + table + " SELECT date '1900-01-01' + g * 13, g FROM " + rows;
            default -> "INSERT INTO " + table + " SELECT g % 7, 'x' || g, g FROM " + rows;
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
