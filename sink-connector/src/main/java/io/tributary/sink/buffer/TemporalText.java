package io.tributary.sink.buffer;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Staged temporal values as text, exactly, in the forms SQL databases commonly read and print: years
 * before 1 as {@code 0044-03-15 BC}, years after 9999 with all their digits ({@code 12000-01-01}),
 * the staged timestamps {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} as {@code infinity} /
 * {@code -infinity}, times of day up to {@code 24:00:00}, durations of any length
 * ({@code -01:00:00}, {@code 838:59:59.5}).
 */
public final class TemporalText {

    private static final long SECOND = 1_000_000L;

    private TemporalText() {
    }

    /** {@code yyyy-MM-dd}, {@code 0044-03-15 BC} before year 1, all digits after 9999. */
    public static String date(LocalDate date) {
        StringBuilder out = new StringBuilder(16);
        appendDay(out, date);
        return (date.getYear() <= 0 ? out.append(" BC") : out).toString();
    }

    /** {@code yyyy-MM-dd HH:mm:ss[.ffffff][ BC]} of a staged timestamp; infinity for the two extremes. */
    public static String timestamp(long micros) {
        if (micros == Long.MAX_VALUE) {
            return "infinity";
        }
        if (micros == Long.MIN_VALUE) {
            return "-infinity";
        }
        return timestamp(micros, "");
    }

    /** As {@link #timestamp(long)}, with {@code zone} (e.g. {@code +00}) after the time and before {@code BC}. */
    public static String timestamp(long micros, String zone) {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            return timestamp(micros);
        }
        LocalDateTime wallClock = LocalDateTime.ofEpochSecond(Math.floorDiv(micros, SECOND), (int) Math.floorMod(micros, SECOND) * 1000,
                ZoneOffset.UTC);
        LocalDate day = wallClock.toLocalDate();
        StringBuilder out = new StringBuilder(40);
        appendDay(out, day);
        appendDuration(out.append(' '), wallClock.toLocalTime().toNanoOfDay() / 1000);
        out.append(zone);
        return (day.getYear() <= 0 ? out.append(" BC") : out).toString();
    }

    /** {@code [-]HH:MM:SS[.ffffff]}: a time of day (up to 24:00:00) or a duration of any length, never wrapped. */
    public static String duration(long micros) {
        StringBuilder out = new StringBuilder(24);
        appendDuration(out, micros);
        return out.toString();
    }

    // written for every staged temporal value (COPY text, messages): by hand, as String.format costs ten times more

    private static void appendDay(StringBuilder out, LocalDate day) {
        pad(out, era(day.getYear()), 4);
        pad(out.append('-'), day.getMonthValue(), 2);
        pad(out.append('-'), day.getDayOfMonth(), 2);
    }

    private static void appendDuration(StringBuilder out, long micros) {
        if (micros < 0) {
            out.append('-');
        }
        long abs = micros == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(micros);
        long seconds = abs / SECOND;
        long fraction = abs % SECOND;
        pad(out, seconds / 3600, 2);
        pad(out.append(':'), seconds / 60 % 60, 2);
        pad(out.append(':'), seconds % 60, 2);
        if (fraction != 0) {
            int width = 6;
            while (fraction % 10 == 0) {
                fraction /= 10;
                width--;
            }
            pad(out.append('.'), fraction, width);
        }
    }

    /** {@code value} (not negative) in at least {@code width} digits, zeros in front. */
    private static void pad(StringBuilder out, long value, int width) {
        String digits = Long.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** A value for a message: quoted, at most 40 characters, control characters escaped. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < text.length() && shown < 40; i++, shown++) {
            char c = text.charAt(i);
            out.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.append(text.length() > 40 ? "...'" : "'").toString();
    }

    /** The year as counted in its era: 1 BC is proleptic year 0. */
    private static int era(int prolepticYear) {
        return prolepticYear <= 0 ? 1 - prolepticYear : prolepticYear;
    }
}
