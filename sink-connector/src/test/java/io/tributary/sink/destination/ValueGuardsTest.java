package io.tributary.sink.destination;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.destination.bigquery.BigQuerySql;
import io.tributary.sink.destination.duckdb.DuckDbDialect;
import io.tributary.sink.destination.postgres.PostgresDialect;
import io.tributary.sink.destination.redshift.RedshiftDialect;
import io.tributary.sink.destination.snowflake.SnowflakeDialect;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import io.tributary.sink.schema.ColumnType.Kind;
import io.tributary.sink.schema.Encoding;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each destination's documented ranges, as the reasons a refused record carries to the dead-letter queue. */
class ValueGuardsTest {

    private static final long HOUR = 3_600_000_000L;

    private static Object day(int year, int month, int day) {
        return (int) LocalDate.of(year, month, day).toEpochDay();
    }

    private static Object ts(int year, int month, int day) {
        return LocalDateTime.of(year, month, day, 0, 0).toEpochSecond(ZoneOffset.UTC) * 1_000_000L;
    }

    /** What each sample gets from {@code guard}: "ok" or the reason. */
    private static Map<String, String> answers(ValueGuard guard) {
        Map<String, Object[]> samples = new LinkedHashMap<>();
        samples.put("+infinity", new Object[] {Kind.TIMESTAMP, Long.MAX_VALUE});
        samples.put("-infinity", new Object[] {Kind.TIMESTAMPTZ, Long.MIN_VALUE});
        samples.put("44 BC", new Object[] {Kind.DATE, day(-43, 3, 15)});
        samples.put("5000 BC", new Object[] {Kind.DATE, day(-4999, 1, 1)});
        samples.put("year 12000", new Object[] {Kind.TIMESTAMP, ts(12000, 1, 1)});
        samples.put("24:00", new Object[] {Kind.TIME, 24 * HOUR});
        samples.put("-01:00", new Object[] {Kind.TIME, -HOUR});
        samples.put("NUL", new Object[] {Kind.STRING, "a\u0000b"});
        samples.put("JSON NUL escape", new Object[] {Kind.JSON, "{\"a\": \"\\u0000\"}"});
        samples.put("array NUL", new Object[] {Kind.ARRAY, Arrays.asList("ok", null, "\u0000")});
        Map<String, String> answers = new LinkedHashMap<>();
        samples.forEach((name, sample) -> {
            Kind kind = (Kind) sample[0];
            Column column = kind == Kind.ARRAY ? new Column("c", ColumnType.of(Kind.ARRAY), Encoding.ARRAY, false, Column.of("e", Kind.STRING))
                    : Column.of("c", kind);
            String problem = guard.problem(column, sample[1]);
            answers.put(name, problem == null ? "ok" : problem);
        });
        return answers;
    }

    private static Map<String, String> expected(String... answers) {
        String[] names = {"+infinity", "-infinity", "44 BC", "5000 BC", "year 12000", "24:00", "-01:00", "NUL", "JSON NUL escape", "array NUL"};
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            expected.put(names[i], answers[i]);
        }
        return expected;
    }

    private static final String NEGATIVE_TIME = "time -01:00:00 is outside %s's time of day range 00:00:00 to %s (a duration such as"
            + " MySQL's TIME needs io.tributary.time.MicroDuration, which lands in an interval or text column)";

    @Test
    void postgresql() {
        assertEquals(expected("ok", "ok", "ok", "date 5000-01-01 BC is outside PostgreSQL's date range 4713-01-01 BC to 5874897-12-31", "ok",
                "ok", NEGATIVE_TIME.formatted("PostgreSQL", "24:00:00"),
                "'a\\u0000b' holds the character U+0000 (NUL), which PostgreSQL cannot store in text",
                "'{\"a\": \"\\u0000\"}' holds the character U+0000 (NUL), which PostgreSQL cannot store in JSON",
                "an element: '\\u0000' holds the character U+0000 (NUL), which PostgreSQL cannot store in text"),
                answers(new PostgresDialect().valueGuard()));
    }

    @Test
    void duckdb() {
        assertEquals(expected("ok", "ok", "ok", "ok", "ok", "ok", NEGATIVE_TIME.formatted("DuckDB", "24:00:00"), "ok", "ok", "ok"),
                answers(new DuckDbDialect().valueGuard()));
    }

    @Test
    void redshift() {
        assertEquals(expected("timestamp infinity has no Redshift value", "timestamp -infinity has no Redshift value", "ok",
                "date 5000-01-01 BC is outside Redshift's date range 4713-01-01 BC to 294276-12-31", "ok", "ok",
                NEGATIVE_TIME.formatted("Redshift", "24:00:00"), "ok", "ok", "ok"), answers(new RedshiftDialect(null, null).valueGuard()));
    }

    @Test
    void snowflake() {
        assertEquals(expected("timestamp infinity has no Snowflake value", "timestamp -infinity has no Snowflake value",
                "date 0044-03-15 BC is outside Snowflake's date range 0001-01-01 to 9999-12-31",
                "date 5000-01-01 BC is outside Snowflake's date range 0001-01-01 to 9999-12-31",
                "timestamp 12000-01-01 00:00:00 is outside Snowflake's timestamp range 0001-01-01 00:00:00 to 9999-12-31 23:59:59.999999",
                "time 24:00:00 is outside Snowflake's time of day range 00:00:00 to 23:59:59.999999 (a duration such as MySQL's TIME"
                        + " needs io.tributary.time.MicroDuration, which lands in an interval or text column)",
                NEGATIVE_TIME.formatted("Snowflake", "23:59:59.999999"), "ok", "ok", "ok"),
                answers(new SnowflakeDialect(null, null).valueGuard()));
    }

    @Test
    void bigquery() {
        Map<String, String> answers = answers(BigQuerySql.VALUES);
        assertEquals("timestamp infinity has no BigQuery value", answers.get("+infinity"));
        assertEquals("date 0044-03-15 BC is outside BigQuery's date range 0001-01-01 to 9999-12-31", answers.get("44 BC"));
        assertEquals("timestamp 12000-01-01 00:00:00 is outside BigQuery's timestamp range 0001-01-01 00:00:00 to 9999-12-31 23:59:59.999999",
                answers.get("year 12000"));
        assertEquals(NEGATIVE_TIME.formatted("BigQuery", "23:59:59.999999"), answers.get("-01:00"));
        assertEquals("ok", answers.get("NUL"));
    }
}
