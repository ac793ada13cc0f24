package io.tributary.sink.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.TypeWidening.Need;
import org.junit.jupiter.api.Test;

class TypeWideningTest {

    private static ColumnType widened(ColumnType stored, ColumnType incoming) {
        TypeWidening.Result result = TypeWidening.of(stored, incoming);
        assertEquals(Need.WIDEN, result.need(), stored + " -> " + incoming);
        return result.target();
    }

    private static Need need(ColumnType stored, ColumnType incoming) {
        return TypeWidening.of(stored, incoming).need();
    }

    @Test
    void integersFloatsAndTimesWidenUpAndNeverNarrow() {
        assertEquals(ColumnType.of(Kind.INT64), widened(ColumnType.of(Kind.INT32), ColumnType.of(Kind.INT64)));
        assertEquals(ColumnType.of(Kind.INT32), widened(ColumnType.of(Kind.INT16), ColumnType.of(Kind.INT32)));
        assertEquals(Need.NOTHING, need(ColumnType.of(Kind.INT64), ColumnType.of(Kind.INT16)));
        assertEquals(ColumnType.of(Kind.FLOAT64), widened(ColumnType.of(Kind.FLOAT32), ColumnType.of(Kind.FLOAT64)));
        assertEquals(Need.NOTHING, need(ColumnType.of(Kind.FLOAT64), ColumnType.of(Kind.FLOAT32)));
        assertEquals(ColumnType.of(Kind.TIMESTAMP), widened(ColumnType.of(Kind.DATE), ColumnType.of(Kind.TIMESTAMP)));
        assertEquals(ColumnType.of(Kind.TIMESTAMPTZ), widened(ColumnType.of(Kind.TIMESTAMP), ColumnType.of(Kind.TIMESTAMPTZ)));
        assertEquals(Need.NOTHING, need(ColumnType.of(Kind.TIMESTAMPTZ), ColumnType.of(Kind.DATE)));
        assertEquals(Need.UNRELATED, need(ColumnType.of(Kind.INT32), ColumnType.of(Kind.STRING)));
        assertEquals(Need.UNRELATED, need(ColumnType.of(Kind.FLOAT64), ColumnType.of(Kind.INT64)));
    }

    @Test
    void decimalsKeepEnoughDigitsOnBothSidesOfThePoint() {
        assertEquals(ColumnType.decimal(14, 4), widened(ColumnType.decimal(6, 2), ColumnType.decimal(14, 4)));
        assertEquals(ColumnType.decimal(14, 4), widened(ColumnType.decimal(12, 2), ColumnType.decimal(8, 4)), "10 whole digits, 4 after the point");
        assertEquals(Need.NOTHING, need(ColumnType.decimal(14, 4), ColumnType.decimal(6, 2)));
        assertEquals(ColumnType.decimal(12, 2), widened(ColumnType.of(Kind.INT32), ColumnType.decimal(6, 2)), "integer to decimal keeps 10 digits");
        assertEquals(Need.NOTHING, need(ColumnType.of(Kind.INT64), ColumnType.decimal(10, 0)));
        assertEquals(ColumnType.decimal(19, 0), widened(ColumnType.decimal(10, 0), ColumnType.of(Kind.INT64)));
        assertEquals(Need.NOTHING, need(ColumnType.decimal(0, 0), ColumnType.decimal(30, 10)), "an unbounded numeric holds any decimal");
        assertEquals(ColumnType.decimal(0, 0), widened(ColumnType.decimal(6, 2), ColumnType.decimal(0, 0)));
    }

    @Test
    void varcharsGrowUpToUnbounded() {
        assertEquals(ColumnType.string(200), widened(ColumnType.string(10), ColumnType.string(200)));
        assertEquals(ColumnType.string(0), widened(ColumnType.string(10), ColumnType.string(0)));
        assertEquals(Need.NOTHING, need(ColumnType.string(0), ColumnType.string(200)));
        assertEquals(Need.NOTHING, need(ColumnType.string(200), ColumnType.string(10)));
    }
}
