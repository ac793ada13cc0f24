package io.tributary.source.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.TableDescription;
import io.tributary.source.schema.TableId;
import java.sql.Types;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The INFO line of a table that changed shape names what was added, dropped and retyped. */
class TableShapesTest {

    private static ColumnInfo column(String name, String type, int precision, Integer scale, int ordinal) {
        return new ColumnInfo(name, Types.OTHER, type, precision, scale, true, ordinal);
    }

    @Test
    void changesNameAddedDroppedAndRetypedColumns() {
        TableId id = new TableId("shop", "orders");
        TableDescription before = new TableDescription(id, List.of(column("id", "int4", 10, 0, 1), column("n", "int4", 10, 0, 2),
                column("gone", "text", 0, null, 3)), List.of("id"));
        TableDescription after = new TableDescription(id, List.of(column("id", "int4", 10, 0, 1), column("n", "int8", 19, 0, 2),
                column("extra", "varchar", 20, null, 4)), List.of("id"));
        assertEquals("added [extra], dropped [gone], retyped [n int4(10,0) -> int8(19,0)]", TableShapes.changes(before, after));
    }
}
