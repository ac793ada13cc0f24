package io.tributary.source.dialect.mysql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.source.schema.ColumnInfo;
import java.sql.Types;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

/** MySQL/MariaDB TIME: a signed duration, in the server's own notation in offsets. */
class DurationMappingTest {

    private static ColumnInfo column(String type) {
        return new ColumnInfo("c", Types.OTHER, type, 0, null, true, 1);
    }

    @Test
    void mariaDbTimeIsASignedDuration() {
        DurationMapping mapping = new DurationMapping(column("time"));
        assertEquals(0L, mapping.micros("00:00:00"));
        assertEquals(86_399_123_456L, mapping.micros("23:59:59.123456"));
        assertEquals(-(838L * 3600 + 59 * 60 + 59) * 1_000_000L - 500_000L, mapping.micros("-838:59:59.500000"));
        assertEquals(100 * 3_600_000_000L + 1_000L, mapping.micros("100:00:00.001"));
        assertThrows(DataException.class, () -> mapping.micros("12:00"));
        assertEquals("-838:59:59.500000", DurationMapping.text(mapping.micros("-838:59:59.5")));
        assertEquals("00:00:00.000000", DurationMapping.text(0));
        assertEquals("-00:00:00.000001", DurationMapping.text(-1));
        assertEquals("100:00:00.001000", DurationMapping.text(mapping.micros("100:00:00.001")));
    }

}
