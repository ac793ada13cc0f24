package io.tributary.source.dialect;

import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigException;

/** Finds the {@link SourceDialect} for a JDBC URL. */
public final class SourceDialects {

    private SourceDialects() {
    }

    public static SourceDialect forUrl(String jdbcUrl) {
        for (SourceDialect dialect : ServiceLoader.load(SourceDialect.class, SourceDialects.class.getClassLoader())) {
            if (dialect.handles(jdbcUrl)) {
                return dialect;
            }
        }
        throw new ConfigException("connection.url", redact(jdbcUrl),
                "no source dialect for this URL; supported: jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql:");
    }

    /** The URL without anything after '?', where passwords may hide. */
    public static String redact(String jdbcUrl) {
        int query = jdbcUrl == null ? -1 : jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }
}
