package io.tributary.source.schema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * Exact conversions between java.time values, microsecond counts and the ISO strings used in
 * offsets (always six fraction digits; {@code Z} for UTC instants).
 */
final class Micros {

    static final long PER_SECOND = 1_000_000L;
    static final long PER_DAY = 86_400L * PER_SECOND;

    /** {@code 2024-02-29T23:59:59.123456}. */
    static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(time()).toFormatter();
    /** {@code 2024-02-29T23:59:59.123456Z}. */
    static final DateTimeFormatter UTC_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME).appendOffset("+HH:MM:ss", "Z").toFormatter();
    /** {@code 23:59:59.123456}. */
    static final DateTimeFormatter TIME = time();

    private Micros() {
    }

    private static DateTimeFormatter time() {
        return new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true).toFormatter();
    }

    /** @throws ArithmeticException beyond the INT64 range (about 294,000 years from 1970) */
    static long of(LocalDateTime wallClock) {
        return of(wallClock.toInstant(ZoneOffset.UTC));
    }

    /** @throws ArithmeticException beyond the INT64 range */
    static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000);
    }

    static long of(LocalTime time) {
        return time.toNanoOfDay() / 1_000;
    }

    static long of(LocalDate date) {
        return Math.multiplyExact(date.toEpochDay(), PER_DAY);
    }

    static LocalDateTime toLocalDateTime(long micros) {
        long seconds = Math.floorDiv(micros, PER_SECOND);
        int nanos = (int) Math.floorMod(micros, PER_SECOND) * 1_000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    static String format(LocalDateTime wallClock) {
        return LOCAL_DATE_TIME.format(wallClock);
    }

    static String formatUtc(Instant instant) {
        return UTC_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    static LocalDateTime parseLocal(String text) {
        return LocalDateTime.parse(text, LOCAL_DATE_TIME);
    }

    static OffsetDateTime parseUtc(String text) {
        return OffsetDateTime.parse(text, UTC_DATE_TIME);
    }
}
