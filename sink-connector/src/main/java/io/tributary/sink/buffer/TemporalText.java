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
        return String.format(Locale.ROOT, "%04d-%02d-%02d", Math.abs(era(date.getYear())), date.getMonthValue(), date.getDayOfMonth())
                + (date.getYear() <= 0 ? " BC" : "");
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
        String date = String.format(Locale.ROOT, "%04d-%02d-%02d", Math.abs(era(day.getYear())), day.getMonthValue(), day.getDayOfMonth());
        return date + " " + duration(wallClock.toLocalTime().toNanoOfDay() / 1000) + zone + (day.getYear() <= 0 ? " BC" : "");
    }

    /** {@code [-]HH:MM:SS[.ffffff]}: a time of day (up to 24:00:00) or a duration of any length, never wrapped. */
    public static String duration(long micros) {
        String sign = micros < 0 ? "-" : "";
        long abs = micros == Long.MIN_VALUE ? Long.MAX_VALUE : Math.abs(micros);
        long seconds = abs / SECOND;
        long fraction = abs % SECOND;
        String text = String.format(Locale.ROOT, "%s%02d:%02d:%02d", sign, seconds / 3600, seconds / 60 % 60, seconds % 60);
        if (fraction == 0) {
            return text;
        }
        String digits = String.format(Locale.ROOT, "%06d", fraction).replaceAll("0+$", "");
        return text + "." + digits;
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
