package io.tributary.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.junit.DevStackTest;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

@DevStackTest
class MariaDbServerIT {

    @Test
    void storesAndReadsBackRows(MariaDbServer mariaDb) throws SQLException {
        try (Connection connection = mariaDb.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE customers (id BIGINT PRIMARY KEY, name VARCHAR(100), balance DECIMAL(20, 4))");
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO customers VALUES (?, ?, ?)")) {
                for (int id = 1; id <= 3; id++) {
                    insert.setLong(1, id);
                    insert.setString(2, "customer-" + id + "-ü");
                    insert.setBigDecimal(3, new BigDecimal(id + ".5000"));
                    insert.addBatch();
                }
                insert.executeBatch();
            }

            try (ResultSet rows = statement.executeQuery("SELECT id, name, balance FROM customers ORDER BY id")) {
                for (int id = 1; id <= 3; id++) {
                    assertTrue(rows.next());
                    assertEquals(id, rows.getLong(1));
                    assertEquals("customer-" + id + "-ü", rows.getString(2));
                    assertEquals(new BigDecimal(id + ".5000"), rows.getBigDecimal(3));
                }
                assertFalse(rows.next());
            }
        }
    }

    @Test
    void theBinaryLogIsOnInRowFormat(MariaDbServer mariaDb) throws SQLException {
        try (Connection connection = mariaDb.connect(); Statement statement = connection.createStatement()) {
            assertEquals("ROW", variable(statement, "binlog_format"));
            assertEquals("ON", variable(statement, "log_bin"));
            assertEquals("1", variable(statement, "server_id"));
        }
    }

    @Test
    void theUserConnectsThroughLocalhostToo(MariaDbServer mariaDb) throws SQLException {
        String url = "jdbc:mariadb://localhost:" + mariaDb.port() + "/tributary";
        try (Connection connection = java.sql.DriverManager.getConnection(url, mariaDb.user(), mariaDb.password());
                ResultSet rows = connection.createStatement().executeQuery("SELECT DATABASE(), CURRENT_USER()")) {
            assertTrue(rows.next());
            assertEquals("tributary", rows.getString(1));
            assertTrue(rows.getString(2).startsWith("tributary@"), rows.getString(2));
        }
    }

    private static String variable(Statement statement, String name) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SHOW VARIABLES LIKE '" + name + "'")) {
            assertTrue(rows.next(), name);
            return rows.getString(2);
        }
    }
}
