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
public final class Micros {

    public static final long PER_SECOND = 1_000_000L;
    public static final long PER_DAY = 86_400L * PER_SECOND;

    /** {@code 2024-02-29T23:59:59.123456}. */
    public static final DateTimeFormatter LOCAL_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).appendLiteral('T').append(time()).toFormatter();
    /** {@code 2024-02-29T23:59:59.123456Z}. */
    public static final DateTimeFormatter UTC_DATE_TIME = new DateTimeFormatterBuilder()
            .append(LOCAL_DATE_TIME).appendOffset("+HH:MM:ss", "Z").toFormatter();
    /** {@code 23:59:59.123456}. */
    public static final DateTimeFormatter TIME = time();

    private Micros() {
    }

    private static DateTimeFormatter time() {
        return new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 6, 6, true).toFormatter();
    }

    /** @throws ArithmeticException beyond the INT64 range (about 294,000 years from 1970) */
    public static long of(LocalDateTime wallClock) {
        return of(wallClock.toInstant(ZoneOffset.UTC));
    }

    /** @throws ArithmeticException beyond the INT64 range */
    public static long of(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), PER_SECOND), instant.getNano() / 1_000);
    }

    public static long of(LocalTime time) {
        return time.toNanoOfDay() / 1_000;
    }

    public static long of(LocalDate date) {
        return Math.multiplyExact(date.toEpochDay(), PER_DAY);
    }

    public static LocalDateTime toLocalDateTime(long micros) {
        long seconds = Math.floorDiv(micros, PER_SECOND);
        int nanos = (int) Math.floorMod(micros, PER_SECOND) * 1_000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }

    public static String format(LocalDateTime wallClock) {
        return LOCAL_DATE_TIME.format(wallClock);
    }

    public static String formatUtc(Instant instant) {
        return UTC_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    public static LocalDateTime parseLocal(String text) {
        return LocalDateTime.parse(text, LOCAL_DATE_TIME);
    }

    public static OffsetDateTime parseUtc(String text) {
        return OffsetDateTime.parse(text, UTC_DATE_TIME);
    }
}
