package io.tributary.source.plan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What makes a table plannable, checked without reading rows. */
class TablePlannerCheckTest {

    private static final TableDescription ORDERS = new TableDescription(new TableId("shop", "orders"), List.of(
            new ColumnInfo("id", Types.BIGINT, "int8", 19, 0, false, 1),
            new ColumnInfo("updated_at", Types.TIMESTAMP, "timestamptz", 35, 6, false, 2),
            new ColumnInfo("region", Types.VARCHAR, "text", 0, null, true, 3),
            new ColumnInfo("seq", Types.INTEGER, "int4", 10, 0, false, 4),
            new ColumnInfo("tags", Types.ARRAY, "_text", 0, null, true, 5)), List.of("id"));
    private static final TablePlanner PLANNER = new TablePlanner(new PostgresDialect(), 1000, 2000, ZoneOffset.UTC);

    @Test
    void aNullableTieBreakerIsRefusedNamingIt() {
        // (cursor, tie-breaker, key) > (x, NULL, k0) is unknown for every row: rows (x, NULL, k > k0) were skipped
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PLANNER.check(ORDERS, new PlanColumns(List.of("id"), List.of("updated_at", "region"))));
        assertTrue(e.getMessage().contains("region") && e.getMessage().contains("nullable"), e.getMessage());
        assertDoesNotThrow(() -> PLANNER.check(ORDERS, new PlanColumns(List.of("id"), List.of("updated_at", "seq"))));
    }

    @Test
    void keysAndCursorsNeedExactOrderedValues() {
        IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
                () -> PLANNER.check(ORDERS, new PlanColumns(List.of("tags"), List.of())));
        assertTrue(array.getMessage().contains("tags") && array.getMessage().contains("_text"), array.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> PLANNER.check(ORDERS, new PlanColumns(List.of("id"), List.of("nope"))));
        assertTrue(missing.getMessage().contains("nope"), missing.getMessage());
    }
}
