package io.tributary.sink.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.schema.TableId;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class TableRouterTest {

    private static final String DEFAULT = new WarehouseSinkConfig(Map.of("destination", "duckdb")).tableNameFormat();

    @Test
    void theDefaultKeepsTheSourceSchema() {
        TableRouter router = new TableRouter("shop", DEFAULT);
        assertEquals(new TableId("shop", "public_orders"), router.table("cdc.public.orders"));
        assertEquals(new TableId("shop", "archive_orders"), router.table("cdc.archive.orders"), "another schema, another table");
        assertEquals(new TableId("shop", "sales_items"), router.table("sales.items"));
        assertEquals(new TableId("shop", "events"), router.table("events"), "no schema part: the table alone, no stray underscore");
    }

    @Test
    void theOtherPlaceholdersStayOneSettingAway() {
        assertEquals(new TableId("w", "orders"), new TableRouter("w", "${table}").table("cdc.public.orders"));
        assertEquals(new TableId("w", "cdc_public_orders"), new TableRouter("w", "${topic}").table("cdc.public.orders"));
        assertEquals(new TableId("w", "src_public_orders"), new TableRouter("w", "src_${schema}_${table}").table("cdc.public.orders"));
    }

    @Test
    void aTopicOfDotsOnlyFailsNamingTheTopicAndTheFormat() {
        // Kafka allows the topic name "..." (only "." and ".." are refused)
        ConnectException e = assertThrows(ConnectException.class, () -> new TableRouter("shop", DEFAULT).table("..."));
        assertTrue(e.getMessage().contains("'...'") && e.getMessage().contains(DEFAULT), e.getMessage());
        assertEquals(new TableId("shop", "x"), new TableRouter("shop", DEFAULT).table("..x"), "an empty schema part is no schema");
    }

    @Test
    void twoTopicsForOneTableFailNamingBothTheTableAndTheFormat() {
        TableRouter router = new TableRouter("shop", "${table}");
        router.table("cdc.public.orders");
        router.table("cdc.public.orders");
        ConnectException e = assertThrows(ConnectException.class, () -> router.table("cdc.archive.orders"));
        assertTrue(e.getMessage().contains("cdc.public.orders") && e.getMessage().contains("cdc.archive.orders")
                && e.getMessage().contains("shop.orders") && e.getMessage().contains("table.name.format=${table}"), e.getMessage());
    }
}
