package io.tributary.source.config;

import java.util.Arrays;
import java.util.Locale;

/** How a table's changes are followed after (and during) its snapshot. */
public enum IncrementalMethod {
    /** Poll by a cursor column (cursor.columns): sees inserts and updates, not hard deletes. */
    CURSOR,
    /** Stream the database's log (logical replication, a row-based binlog): every change, deletes included. */
    LOG;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static IncrementalMethod fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public static String[] configValues() {
        return Arrays.stream(values()).map(IncrementalMethod::configValue).toArray(String[]::new);
    }
}
