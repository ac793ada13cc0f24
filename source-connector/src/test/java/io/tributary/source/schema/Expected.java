package io.tributary.source.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;

/** Expected field values of a row, computed independently of the code under test. */
final class Expected {

    private final Map<String, Object> values = new LinkedHashMap<>();

    Expected put(String field, Object value) {
        values.put(field, value);
        return this;
    }

    /** Asserts every expected field, exactly (BigDecimal scale included), and that the struct is valid. */
    void assertMatches(Struct struct) {
        struct.validate();
        values.forEach((field, expected) -> {
            Object actual = struct.get(field);
            if (expected instanceof byte[] bytes) {
                assertArrayEquals(bytes, (byte[]) actual, field);
            } else {
                assertEquals(expected, actual, field);
                if (expected instanceof BigDecimal decimal) {
                    assertEquals(decimal.scale(), ((BigDecimal) actual).scale(), field + " scale");
                }
            }
        });
    }

    static long micros(String localDateTime) {
        return ChronoUnit.MICROS.between(LocalDateTime.of(1970, 1, 1, 0, 0), LocalDateTime.parse(localDateTime));
    }

    static long instantMicros(String instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(instant));
    }

    static java.util.Date date(String localDate) {
        return java.util.Date.from(LocalDate.parse(localDate).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    static BigDecimal dec(String text) {
        return new BigDecimal(text);
    }
}
