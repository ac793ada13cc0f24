package io.tributary.source.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.common.RecordHeaders;
import io.tributary.source.dialect.PostgresDialect;
import io.tributary.source.plan.TablePlan;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.DatabaseKind;
import io.tributary.source.schema.RowConverter;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableSourceTest {

    private static final TableDescription ORDERS = new TableDescription(new TableId("shop", "orders"), List.of(
            new ColumnInfo("id", Types.BIGINT, "int8", 19, 0, false, 1),
            new ColumnInfo("deleted", Types.NUMERIC, "numeric", 0, null, true, 2)),
            List.of("id"));

    private static final TableSource SOURCE = new TableSource(
            new TablePlan("shop.orders", "p1", List.of("id"), List.of(), List.of(), null, 0, "now"), ORDERS,
            new RowConverter(ORDERS, List.of("id"), "tp", DatabaseKind.POSTGRES), new PostgresDialect(), "tp.shop.orders",
            "deleted", null);

    /** A row whose soft-delete column holds {@code marker}, as the driver hands it out of getObject. */
    private static ResultSet row(Object marker) {
        return (ResultSet) Proxy.newProxyInstance(TableSourceTest.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getObject") && args.length == 1 && Integer.valueOf(2).equals(args[0])) {
                        return marker;
                    }
                    throw new UnsupportedOperationException(method.getName() + Arrays.toString(args));
                });
    }

    private static String op(Object marker) throws Exception {
        return SOURCE.operation(row(marker), RecordHeaders.OP_UPSERT);
    }

    @Test
    void onlyZeroOfAnyNumericTypeFalseAndNullAreNotDeleted() throws Exception {
        for (Object notDeleted : new Object[] {null, false, 0, 0L, (short) 0, (byte) 0, 0.0, -0.0, 0.0f, BigDecimal.ZERO,
                new BigDecimal("0.000"), new BigDecimal("0E-10"), BigInteger.ZERO}) {
            assertEquals(RecordHeaders.OP_UPSERT, op(notDeleted), "marker " + notDeleted + " (" + type(notDeleted) + ")");
        }
        for (Object deleted : new Object[] {true, 1, -1, 0.5, 0.5f, -0.0001, 4294967296L, new BigDecimal("0.5"),
                new BigDecimal("4294967296"), new BigDecimal("1E-30"), BigInteger.TWO.pow(64), Double.NaN, "0", "yes"}) {
            assertEquals(RecordHeaders.OP_DELETE, op(deleted), "marker " + deleted + " (" + type(deleted) + ")");
        }
    }

    private static String type(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
