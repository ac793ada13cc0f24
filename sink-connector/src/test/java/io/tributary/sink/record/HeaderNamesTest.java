package io.tributary.sink.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderNamesTest {

    @Test
    void aJsonArrayOfNamesWithEscapes() {
        assertEquals(List.of("body", "doc"), HeaderNames.parse("h", "[\"body\",\"doc\"]"));
        assertEquals(List.of(), HeaderNames.parse("h", " [ ] "));
        assertEquals(List.of("a\"b", "c,d", "é", "x\\y"), HeaderNames.parse("h", "[ \"a\\\"b\" , \"c,d\", \"\\u00e9\", \"x\\\\y\" ]"));
    }

    @Test
    void aListAHeaderConverterAlreadyParsedIsTakenAsItIs() {
        assertEquals(List.of("body"), HeaderNames.parse("h", List.of("body")));
    }

    @Test
    void anythingElseIsRefusedNamingTheHeader() {
        for (Object bad : new Object[] {"body", "[body]", "[\"a\",]", "[\"a\"] x", "[\"a\\q\"]", 42, List.of(1)}) {
            UnconvertibleRecordException e = assertThrows(UnconvertibleRecordException.class, () -> HeaderNames.parse("tributary.unchanged", bad));
            assertEquals("header tributary.unchanged is not a JSON array of field names: " + bad, e.getMessage());
        }
    }
}
