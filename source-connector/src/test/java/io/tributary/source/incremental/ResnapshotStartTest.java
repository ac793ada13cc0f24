package io.tributary.source.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.offsets.IncrementalOffset;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import io.tributary.source.table.TableSource;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Polling under a new plan (a re-snapshot) starts from the older of the previous plan's checkpoint and
 * the new start point, so polling goes on during the re-snapshot and never skips a row.
 */
class ResnapshotStartTest {

    private static final TableDescription ORDERS = new TableDescription(new TableId("shop", "orders"), List.of(
            new ColumnInfo("id", Types.BIGINT, "int8", 19, 0, false, 1),
            new ColumnInfo("version", Types.BIGINT, "int8", 19, 0, false, 2)), List.of("id"));
    private static final List<String> ORDER = List.of("version", "id");

    private static CursorPoller poller(Object watermark, IncrementalOffset checkpoint) {
        TablePlan plan = new TablePlan("shop.orders", "plan-2", List.of("id"), List.of(), List.of("version"), watermark, 0,
                "2026-01-01T00:00:00Z", null);
        TableSource table = new TableSource(plan, ORDERS, new RowConverter(ORDERS, List.of("id"), "tp", new PostgresDialect()::mapping,
                false), new PostgresDialect(), "tp.shop.orders", null, null);
        return new CursorPoller(table, checkpoint, 0, ZoneOffset.UTC);
    }

    @Test
    void anOlderCheckpointOfThePreviousPlanIsWhereItGoesOn() {
        IncrementalOffset old = new IncrementalOffset("plan-1", 40L, List.of(7L), false, ORDER);
        assertEquals(new IncrementalOffset("plan-2", 40L, List.of(7L), false, ORDER), poller(50L, old).position());
    }

    @Test
    void aNewerCheckpointOrOneOfOtherColumnsGivesWayToTheStartPoint() {
        IncrementalOffset atStart = new IncrementalOffset("plan-2", 50L, null, true, ORDER);
        assertEquals(atStart, poller(50L, new IncrementalOffset("plan-1", 60L, List.of(7L), false, ORDER)).position(),
                "the start point is older: from it, inclusive");
        assertEquals(atStart, poller(50L, new IncrementalOffset("plan-1", 40L, List.of(7L), false, List.of("updated_at", "id")))
                .position(), "a checkpoint of other order columns does not compare");
        assertEquals(atStart, poller(50L, new IncrementalOffset("plan-1", 40L, List.of(7L), false)).position(),
                "a checkpoint that does not name its columns (older versions) is not trusted");
        assertEquals(atStart, poller(50L, null).position());
    }

    @Test
    void theCheckpointOfTheSamePlanIsResumedAsBefore() {
        IncrementalOffset mine = new IncrementalOffset("plan-2", 70L, List.of(3L), false, ORDER);
        assertEquals(mine, poller(50L, mine).position());
    }
}
