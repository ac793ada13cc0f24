package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The text forms of offset timestamps: exact both ways. */
class TextFormsTest {

    @Test
    void offsetTimestampsAreExactBothWays() {
        LocalDateTime early = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000);
        assertEquals(-1L, Micros.of(early));
        assertEquals(early, Micros.toLocalDateTime(-1L));
        assertEquals("1969-12-31T23:59:59.999999", Micros.format(early));
        assertEquals(early, Micros.parseLocal("1969-12-31T23:59:59.999999"));
        assertEquals("+12345-06-07T00:00:00.000000", Micros.format(LocalDateTime.of(12345, 6, 7, 0, 0)));
        assertEquals("2024-02-29T21:59:59.123456Z", Micros.formatUtc(Instant.parse("2024-02-29T21:59:59.123456Z")));
        assertThrows(ArithmeticException.class, () -> Micros.of(LocalDateTime.of(300_000, 1, 1, 0, 0)));
    }
}
