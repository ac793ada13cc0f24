package io.tributary.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.devstack.junit.DevStackTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DevStackTest
class DuckDbWarehouseIT {

    @Test
    void mergeKeepsOneRowPerKey(DuckDbWarehouse warehouse) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR, amount DECIMAL(18, 2))");
            statement.execute("INSERT INTO orders VALUES (1, 'new', 10.00), (2, 'new', 20.00), (3, 'new', 30.00)");
            statement.execute("CREATE TABLE orders_staging (id BIGINT, status VARCHAR, amount DECIMAL(18, 2), deleted BOOLEAN)");
            statement.execute("INSERT INTO orders_staging VALUES (1, 'paid', 10.00, false), (3, NULL, NULL, true), (4, 'new', 40.00, false)");

            statement.execute("MERGE INTO orders USING orders_staging AS s ON orders.id = s.id"
                    + " WHEN MATCHED AND s.deleted THEN DELETE"
                    + " WHEN MATCHED THEN UPDATE SET status = s.status, amount = s.amount"
                    + " WHEN NOT MATCHED AND NOT s.deleted THEN INSERT VALUES (s.id, s.status, s.amount)");
            statement.execute("INSERT INTO orders VALUES (2, 'shipped', 20.00) ON CONFLICT (id) DO UPDATE SET status = excluded.status");

            assertEquals(List.of("1:paid:10.00", "2:shipped:20.00", "4:new:40.00"), rows(statement, "orders"));
        }
    }

    @Test
    void reopeningTheFileAfterCloseShowsTheData(@TempDir Path directory) throws SQLException {
        Path file;
        try (DuckDbWarehouse warehouse = DuckDbWarehouse.create(directory);
                Connection connection = warehouse.connect();
                Statement statement = connection.createStatement()) {
            file = warehouse.file();
            statement.execute("CREATE TABLE orders (id BIGINT PRIMARY KEY, status VARCHAR, amount DECIMAL(18, 2))");
            statement.execute("INSERT INTO orders VALUES (7, 'kept', 70.00)");
        }

        assertEquals(directory.resolve("warehouse.duckdb").toAbsolutePath(), file);
        assertTrue(Files.isRegularFile(file));
        try (DuckDbWarehouse reopened = DuckDbWarehouse.create(directory);
                Connection connection = reopened.connect();
                Statement statement = connection.createStatement()) {
            assertEquals(List.of("7:kept:70.00"), rows(statement, "orders"));
        }
    }

    @Test
    void extensionsAreNotDownloaded(DuckDbWarehouse warehouse) throws SQLException {
        try (Connection connection = warehouse.connect(); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "SELECT current_setting('autoinstall_known_extensions'), current_setting('autoload_known_extensions')")) {
                assertTrue(rows.next());
                assertFalse(rows.getBoolean(1));
                assertFalse(rows.getBoolean(2));
            }
            long started = System.nanoTime();
            assertThrows(SQLException.class, () -> statement.executeQuery("SELECT * FROM read_avro('missing.avro')"));
            assertTrue(System.nanoTime() - started < 5_000_000_000L, "an extension call must fail fast");
        }
    }

    @Test
    void aClosedWarehouseRefusesConnections(@TempDir Path directory) {
        DuckDbWarehouse warehouse = DuckDbWarehouse.create(directory);
        warehouse.close();

        assertThrows(IllegalStateException.class, warehouse::connect);
    }

    private static List<String> rows(Statement statement, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = statement.executeQuery("SELECT id, status, amount FROM " + table + " ORDER BY id")) {
            while (result.next()) {
                rows.add(result.getLong(1) + ":" + result.getString(2) + ":" + result.getBigDecimal(3).toPlainString());
            }
        }
        return rows;
    }
}
