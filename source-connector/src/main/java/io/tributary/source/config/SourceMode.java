package io.tributary.source.config;

import java.util.Arrays;
import java.util.Locale;

/** What the source connector does with each table. */
public enum SourceMode {
    /** Snapshot every existing row, then poll for changes by cursor. */
    SNAPSHOT_AND_INCREMENTAL,
    /** Snapshot every existing row, then stop. */
    SNAPSHOT,
    /** Poll for changes by cursor only, starting from the current high watermark. */
    INCREMENTAL;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceMode fromConfig(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public static String[] configValues() {
        return Arrays.stream(values()).map(SourceMode::configValue).toArray(String[]::new);
    }
}
