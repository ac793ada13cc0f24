package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class TableIdTest {

    @Test
    void parsesAndPrintsSchemaDotTable() {
        TableId id = TableId.parse("public.orders");
        assertEquals(new TableId("public", "orders"), id);
        assertEquals("public.orders", id.qualified());
        assertEquals("my.table", TableId.parse("shop.my.table").table(), "split at the first dot");
        assertThrows(IllegalArgumentException.class, () -> TableId.parse("orders"));
        assertThrows(IllegalArgumentException.class, () -> TableId.parse(".orders"));
        assertThrows(IllegalArgumentException.class, () -> TableId.parse("public."));
    }

}
