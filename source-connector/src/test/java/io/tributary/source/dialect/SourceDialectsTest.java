package io.tributary.source.dialect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

/** Dialects are found by ServiceLoader, one per database, by the scheme of the JDBC URL. */
class SourceDialectsTest {

    @Test
    void eachUrlFindsItsDialect() {
        assertEquals("PostgreSQL", SourceDialects.forUrl("jdbc:postgresql://h:5432/db").name());
        assertEquals("MySQL/MariaDB", SourceDialects.forUrl("jdbc:mariadb://h/db").name());
        assertEquals("MySQL/MariaDB", SourceDialects.forUrl("jdbc:mysql://h/db").name());
        assertEquals(2, SourceDialects.all().size());
    }

    @Test
    void anUnknownSchemeNamesTheSupportedOnesAndNoCredentials() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> SourceDialects.forUrl("jdbc:oracle:thin:@h:1521:db?password=tiger"));
        assertTrue(e.getMessage().contains("jdbc:postgresql:") && e.getMessage().contains("jdbc:mariadb:"), e.getMessage());
        assertFalse(e.getMessage().contains("tiger"), e.getMessage());
    }
}
