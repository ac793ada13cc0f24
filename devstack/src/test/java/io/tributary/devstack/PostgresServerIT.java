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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@DevStackTest
class PostgresServerIT {

    @Test
    void storesAndReadsBackExactValues(PostgresServer postgres) throws SQLException {
        UUID id = UUID.fromString("6f1c2a9e-3b7d-4e2a-9c61-0d5b8e4f7a13");
        BigDecimal amount = new BigDecimal("12345678901234567890.123456789012345678");
        OffsetDateTime createdAt = OffsetDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_000, ZoneOffset.UTC);
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE pg_values (id uuid PRIMARY KEY, amount numeric(38, 18),"
                    + " created_at timestamptz, attributes jsonb)");
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO pg_values VALUES (?, ?, ?, ?::jsonb)")) {
                insert.setObject(1, id);
                insert.setBigDecimal(2, amount);
                insert.setObject(3, createdAt);
                insert.setString(4, "{\"price\": 0.1000000000000000055511151231257827, \"tags\": [\"a\"]}");
                insert.executeUpdate();
                insert.setObject(1, UUID.randomUUID());
                insert.setBigDecimal(2, BigDecimal.ONE);
                insert.setObject(3, createdAt.plusDays(1));
                insert.setString(4, "{}");
                insert.executeUpdate();
            }

            try (ResultSet rows = statement.executeQuery(
                    "SELECT id, amount, created_at, attributes->>'price', attributes->'tags'->>0,"
                            + " (SELECT count(*) FROM pg_values) FROM pg_values WHERE id = '" + id + "'")) {
                assertTrue(rows.next());
                assertEquals(id, rows.getObject(1, UUID.class));
                assertEquals(amount, rows.getBigDecimal(2));
                assertEquals(createdAt, rows.getObject(3, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
                assertEquals("0.1000000000000000055511151231257827", rows.getString(4));
                assertEquals("a", rows.getString(5));
                assertEquals(2, rows.getLong(6));
                assertFalse(rows.next());
            }
        }
    }

    @Test
    void createsAnotherDatabase(PostgresServer postgres) throws SQLException {
        postgres.createDatabase("inventory");

        try (Connection connection = java.sql.DriverManager.getConnection(
                postgres.jdbcUrl("inventory"), postgres.user(), postgres.password());
                ResultSet rows = connection.createStatement().executeQuery("SELECT current_database()")) {
            assertTrue(rows.next());
            assertEquals("inventory", rows.getString(1));
        }
    }

    @Test
    void theSharedServerIsReadyForLogicalReplication(PostgresServer postgres) throws SQLException {
        try (Connection connection = postgres.connect(); Statement statement = connection.createStatement()) {
            assertEquals("logical", single(statement, "SHOW wal_level"));
            assertEquals("10", single(statement, "SHOW max_replication_slots"));
        }
    }

    private static String single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            assertTrue(rows.next());
            return rows.getString(1);
        }
    }
}
