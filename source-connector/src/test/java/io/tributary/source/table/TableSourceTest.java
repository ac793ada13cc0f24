package io.tributary.source.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.common.RecordHeaders;
import io.tributary.source.dialect.postgres.PostgresDialect;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.math.BigDecimal;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soft-delete marker (issue 10 item 8): a row is deleted when its marker is set, which for a
 * number means "not exactly zero" (0.5 and 2^32 are set; the old rule, intValue() == 0, read them as
 * not deleted), for a boolean "true", and for anything else (a timestamp, text) "not null".
 */
class TableSourceTest {

    private static TableSource table(String markerType, Integer precision, Integer scale) {
        TableDescription orders = new TableDescription(new TableId("shop", "orders"), List.of(
                new ColumnInfo("id", Types.BIGINT, "int8", 19, 0, false, 1),
                new ColumnInfo("deleted", Types.OTHER, markerType, precision == null ? 0 : precision, scale, true, 2)),
                List.of("id"));
        return new TableSource(new TablePlan("shop.orders", "p1", List.of("id"), List.of(), List.of(), null, 0, "now"), orders,
                new RowConverter(orders, List.of("id"), "tp", new PostgresDialect()::mapping, false), new PostgresDialect(),
                "tp.shop.orders", "deleted", null);
    }

    /** The operation of a row whose marker's Connect value is {@code marker}. */
    private static String op(TableSource table, Object marker) {
        return table.operation(new Object[] {1L, marker}, RecordHeaders.OP_UPSERT);
    }

    private static void assertMarkers(TableSource table, Object[] notDeleted, Object[] deleted) {
        for (Object marker : notDeleted) {
            assertEquals(RecordHeaders.OP_UPSERT, op(table, marker), "marker " + marker + " is not set");
        }
        for (Object marker : deleted) {
            assertEquals(RecordHeaders.OP_DELETE, op(table, marker), "marker " + marker + " is set");
        }
    }

    @Test
    void aNumberIsSetUnlessExactlyZero() {
        assertMarkers(table("int8", 19, 0), new Object[] {null, 0L}, new Object[] {1L, -1L, 4294967296L});
        assertMarkers(table("int2", 5, 0), new Object[] {(short) 0}, new Object[] {(short) 1});
        assertMarkers(table("float8", 17, null), new Object[] {0.0, -0.0}, new Object[] {0.5, -0.0001, Double.NaN});
        assertMarkers(table("numeric", 10, 2), new Object[] {new BigDecimal("0.00")}, new Object[] {new BigDecimal("0.50")});
        assertMarkers(table("numeric", null, null), new Object[] {"0", "0.000", "0E-10"}, new Object[] {"0.5", "4294967296", "NaN"});
    }

    @Test
    void aBooleanIsSetWhenTrue() {
        assertMarkers(table("bool", 1, null), new Object[] {null, false}, new Object[] {true});
    }

    @Test
    void anythingElseIsSetWhenPresent() {
        assertMarkers(table("timestamptz", 35, 6), new Object[] {null}, new Object[] {0L, 1_700_000_000_000_000L});
        assertMarkers(table("text", 0, null), new Object[] {null}, new Object[] {"0", "", "yes"});
    }
}
