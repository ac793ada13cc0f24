package io.tributary.sink.buffer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import org.junit.jupiter.api.Test;

/** The text PostgreSQL reads (COPY) and the other warehouses get for durations. */
class TemporalTextTest {

    private static long micros(LocalDateTime t) {
        return t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.get(ChronoField.MICRO_OF_SECOND);
    }

    @Test
    void datesBeforeYearOneAndAfter9999() {
        assertEquals("2024-02-29", TemporalText.date(LocalDate.of(2024, 2, 29)));
        assertEquals("0044-03-15 BC", TemporalText.date(LocalDate.of(-43, 3, 15)));
        assertEquals("0001-12-31 BC", TemporalText.date(LocalDate.of(0, 12, 31)));
        assertEquals("10000-01-01", TemporalText.date(LocalDate.of(10000, 1, 1)));
    }

    @Test
    void timestampsWithInfinityAndEras() {
        assertEquals("infinity", TemporalText.timestamp(Long.MAX_VALUE));
        assertEquals("-infinity", TemporalText.timestamp(Long.MIN_VALUE, "+00"));
        assertEquals("2023-11-14 22:13:20.123456", TemporalText.timestamp(micros(LocalDateTime.of(2023, 11, 14, 22, 13, 20, 123_456_000))));
        assertEquals("12000-01-01 00:00:00", TemporalText.timestamp(micros(LocalDateTime.of(12000, 1, 1, 0, 0))));
        assertEquals("0044-03-15 12:00:00.5+00 BC", TemporalText.timestamp(micros(LocalDateTime.of(-43, 3, 15, 12, 0, 0, 500_000_000)), "+00"));
    }

    @Test
    void durationsAndTimesAreNeverWrapped() {
        assertEquals("24:00:00", TemporalText.duration(86_400_000_000L));
        assertEquals("-01:00:00", TemporalText.duration(-3_600_000_000L));
        assertEquals("100:00:00", TemporalText.duration(360_000_000_000L));
        assertEquals("-838:59:59.999999", TemporalText.duration(-(838L * 3600 + 59 * 60 + 59) * 1_000_000L - 999_999));
        assertEquals("00:00:00.000001", TemporalText.duration(1));
        assertEquals("12:30:00.25", TemporalText.duration(45_000_250_000L));
        assertEquals("00:00:00.01", TemporalText.duration(10_000L));
        assertEquals("00:00:00.100001", TemporalText.duration(100_001L));
    }
}
