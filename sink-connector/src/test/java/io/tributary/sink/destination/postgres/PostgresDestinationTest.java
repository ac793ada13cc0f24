package io.tributary.sink.destination.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.WarehouseSinkConfig;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresDestinationTest {

    private static final WarehouseSinkConfig CONFIG = new WarehouseSinkConfig(Map.of("destination", "postgres",
            "warehouse.url", "jdbc:postgresql://wh:5432/analytics", "warehouse.user", "u", "warehouse.password", "pw"));

    /** A connection that answers isValid with {@code valid}. */
    private static Connection connection(boolean valid) {
        return (Connection) Proxy.newProxyInstance(PostgresDestinationTest.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isValid" -> valid;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void aConnectionThatIsNotValidIsAnError() {
        Map<String, String> errors = PostgresDestinationProvider.validate(CONFIG, (url, props) -> connection(false));
        assertTrue(errors.getOrDefault("warehouse.url", "").contains("did not answer"), errors.toString());
        assertEquals(Map.of(), PostgresDestinationProvider.validate(CONFIG, (url, props) -> connection(true)));
    }

    @Test
    void postgresAndDuckDbAddColumnsIfNotExists() {
        io.tributary.sink.schema.TableId table = new io.tributary.sink.schema.TableId("shop", "items");
        assertEquals("ALTER TABLE \"shop\".\"items\" ADD COLUMN IF NOT EXISTS \"email\" text",
                new PostgresDialect().addColumn(table, "\"email\" text"));
        assertEquals("ALTER TABLE \"shop\".\"items\" ADD COLUMN IF NOT EXISTS \"email\" VARCHAR",
                new io.tributary.sink.destination.duckdb.DuckDbDialect().addColumn(table, "\"email\" VARCHAR"));
    }
}
