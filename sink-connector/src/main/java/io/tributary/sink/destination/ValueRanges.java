package io.tributary.sink.destination;

import io.tributary.sink.buffer.TemporalText;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType.Kind;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoField;
import java.util.List;

/**
 * A {@link ValueGuard} from a warehouse's documented ranges: dates, timestamps (microseconds; the
 * staged {@link Long#MAX_VALUE} / {@link Long#MIN_VALUE} are +/-infinity), times of day (00:00:00 up
 * to {@code maxTime}), and whether text may hold U+0000. Each destination declares its own.
 */
public final class ValueRanges implements ValueGuard {

    public static final long DAY_MICROS = 86_400_000_000L;

    private final String warehouse;
    private final LocalDate minDate;
    private final LocalDate maxDate;
    private final long minDay;
    private final long maxDay;
    private final long minMicros;
    private final long maxMicros;
    private final long maxTimeMicros;
    private final boolean infinity;
    private final boolean nulInText;

    /**
     * A guard from the warehouse's ranges.
     *
     * @param warehouse the warehouse's name, for messages
     * @param minDate first date it stores
     * @param maxDate last date it stores
     * @param minTimestamp first timestamp it stores
     * @param maxTimestamp last timestamp it stores (beyond the INT64 range: up to the largest staged value)
     * @param maxTimeMicros the last time of day, in microseconds after midnight (86,400,000,000 where 24:00:00 is allowed)
     * @param infinity whether timestamps may be +/-infinity
     * @param nulInText whether text and JSON may hold U+0000 (for JSON also the escape {@code \u0000})
     */
    public ValueRanges(String warehouse, LocalDate minDate, LocalDate maxDate, LocalDateTime minTimestamp, LocalDateTime maxTimestamp,
            long maxTimeMicros, boolean infinity, boolean nulInText) {
        this.warehouse = warehouse;
        this.minDate = minDate;
        this.maxDate = maxDate;
        this.minDay = minDate.toEpochDay();
        this.maxDay = maxDate.toEpochDay();
        // checked for every staged value: the bounds are computed once
        this.minMicros = micros(minTimestamp);
        this.maxMicros = micros(maxTimestamp);
        this.maxTimeMicros = maxTimeMicros;
        this.infinity = infinity;
        this.nulInText = nulInText;
    }

    @Override
    public String problem(Column column, Object staged) {
        return switch (column.kind()) {
            case STRING, JSON -> text(column, (CharSequence) staged);
            case DATE -> date((Integer) staged);
            case TIMESTAMP, TIMESTAMPTZ -> timestamp((Long) staged);
            case TIME -> time((Long) staged);
            case ARRAY -> array(column, (List<?>) staged);
            default -> null;
        };
    }

    private String text(Column column, CharSequence value) {
        if (nulInText) {
            return null;
        }
        String text = value.toString();
        if (text.indexOf('\u0000') >= 0 || (column.kind() == Kind.JSON && text.contains("\\u0000"))) {
            return TemporalText.quote(text) + " holds the character U+0000 (NUL), which " + warehouse + " cannot store in "
                    + (column.kind() == Kind.JSON ? "JSON" : "text");
        }
        return null;
    }

    private String date(int epochDay) {
        if (epochDay < minDay || epochDay > maxDay) {
            return "date " + TemporalText.date(LocalDate.ofEpochDay(epochDay)) + " is outside " + warehouse + "'s date range "
                    + TemporalText.date(minDate) + " to " + TemporalText.date(maxDate);
        }
        return null;
    }

    private String timestamp(long micros) {
        if (micros == Long.MAX_VALUE || micros == Long.MIN_VALUE) {
            return infinity ? null : "timestamp " + (micros > 0 ? "infinity" : "-infinity") + " has no " + warehouse + " value";
        }
        if (micros < minMicros || micros > maxMicros) {
            return "timestamp " + TemporalText.timestamp(micros) + " is outside " + warehouse + "'s timestamp range "
                    + TemporalText.timestamp(minMicros) + " to " + TemporalText.timestamp(maxMicros);
        }
        return null;
    }

    private String time(long micros) {
        if (micros < 0 || micros > maxTimeMicros) {
            return "time " + TemporalText.duration(micros) + " is outside " + warehouse + "'s time of day range 00:00:00 to "
                    + TemporalText.duration(maxTimeMicros) + " (a duration such as MySQL's TIME needs "
                    + "io.tributary.time.MicroDuration, which lands in an interval or text column)";
        }
        return null;
    }

    private String array(Column column, List<?> values) {
        for (Object element : values) {
            String problem = element == null ? null : problem(column.element(), element);
            if (problem != null) {
                return "an element: " + problem;
            }
        }
        return null;
    }

    /** Microseconds since the epoch, saturated inside the staged range (below Long.MAX_VALUE, above Long.MIN_VALUE). */
    static long micros(LocalDateTime wallClock) {
        try {
            long micros = Math.addExact(Math.multiplyExact(wallClock.toEpochSecond(ZoneOffset.UTC), 1_000_000L), wallClock.get(ChronoField.MICRO_OF_SECOND));
            return Math.max(Long.MIN_VALUE + 1, Math.min(Long.MAX_VALUE - 1, micros));
        } catch (ArithmeticException e) {
            return wallClock.getYear() > 0 ? Long.MAX_VALUE - 1 : Long.MIN_VALUE + 1;
        }
    }
}
