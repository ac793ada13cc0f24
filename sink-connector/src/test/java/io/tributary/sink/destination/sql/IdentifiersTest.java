package io.tributary.sink.destination.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

    private static final String LONG = "customer_order_line_item_adjustments_with_a_very_long_descriptive_name";

    @Test
    void aNameThatFitsIsKept() {
        assertEquals("orders", Identifiers.fit("orders", 63));
        String exactly63 = "x".repeat(63);
        assertEquals(exactly63, Identifiers.fit(exactly63, 63));
    }

    @Test
    void aLongNameBecomesItsPrefixAndAHashOfTheWholeName() {
        String fitted = Identifiers.fit(LONG, 63);
        assertEquals(63, fitted.length());
        assertTrue(fitted.startsWith(LONG.substring(0, 54) + "_"), fitted);
        assertEquals(fitted, Identifiers.fit(LONG, 63), "the same on every call");
        assertNotEquals(fitted, Identifiers.fit(LONG + "_2", 63), "names sharing a prefix stay apart");
    }

    @Test
    void multiByteCharactersAreNeverCut() {
        String name = "tabelle_für_überlange_bestellpositionen_mit_änderungen_ölpreis_äöü";
        String fitted = Identifiers.fit(name, 63);
        assertTrue(fitted.getBytes(StandardCharsets.UTF_8).length <= 63, fitted);
        assertTrue(name.startsWith(fitted.substring(0, fitted.length() - 9)), fitted);
    }

    @Test
    void truncationIsWhatPostgresStoresForALongColumnName() {
        assertEquals(LONG.substring(0, 63), Identifiers.truncate(LONG, 63));
        assertEquals("orders", Identifiers.truncate("orders", 63));
        String umlauts = "ä".repeat(40); // 80 bytes
        assertEquals("ä".repeat(31), Identifiers.truncate(umlauts, 63), "a two-byte character is not split");
        assertEquals(LONG, Identifiers.truncate(LONG, Integer.MAX_VALUE));
    }
}
