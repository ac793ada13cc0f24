package io.tributary.source.dialect;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;

/** Finds the {@link SourceDialect}s of this plugin, and the one for a JDBC URL. */
public final class SourceDialects {

    private SourceDialects() {
    }

    /** Every dialect on the plugin's class path, found by ServiceLoader. */
    public static List<SourceDialect> all() {
        List<SourceDialect> dialects = new ArrayList<>();
        ServiceLoader.load(SourceDialect.class, SourceDialects.class.getClassLoader()).forEach(dialects::add);
        return dialects;
    }

    public static SourceDialect forUrl(String jdbcUrl) {
        for (SourceDialect dialect : all()) {
            if (dialect.handles(jdbcUrl)) {
                return dialect;
            }
        }
        throw new ConfigException("connection.url", redact(jdbcUrl), "no source dialect for this URL; supported: " + examples());
    }

    /** The example URL of every dialect, e.g. for the configuration's documentation. */
    public static String examples() {
        return all().stream().map(d -> d.exampleUrl() + " (" + d.name() + ")").collect(Collectors.joining(", "));
    }

    /** The URL without anything after '?', where passwords may hide. */
    public static String redact(String jdbcUrl) {
        int query = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }
}
