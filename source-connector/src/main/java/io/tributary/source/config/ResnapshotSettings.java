package io.tributary.source.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * The keys of re-snapshots (group "Re-snapshots"): end-of-snapshot markers and the Kafka cluster they need
 * to learn a topic's partitions, and periodic refreshes. See docs/source.md, Re-snapshots.
 *
 * @param refreshTables tables refreshed periodically (matched against schema.table), or null for none
 * @param adminProperties the Admin client's settings: kafka.bootstrap.servers and every kafka.admin.* key
 */
public record ResnapshotSettings(boolean endMarkers, String bootstrapServers, Map<String, Object> adminProperties,
        Pattern refreshTables, long refreshIntervalMs, boolean keysOnlyRefresh) {

    static final String GROUP = "Re-snapshots";
    public static final String END_MARKERS = "snapshot.end.markers";
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String ADMIN_PREFIX = "kafka.admin.";
    public static final String REFRESH_TABLES = "snapshot.refresh.tables";
    public static final String REFRESH_INTERVAL_MS = "snapshot.refresh.interval.ms";
    public static final String REFRESH_MODE = "snapshot.refresh.mode";

    public ResnapshotSettings {
        adminProperties = Map.copyOf(adminProperties);
    }

    static void define(ConfigDef def) {
        int order = 0;
        def.define(END_MARKERS, ConfigDef.Type.BOOLEAN, false, Importance.MEDIUM,
                "After every chunk of a table's snapshot (a generation) is done, send one end-of-snapshot record (tributary.op=e, null key"
                        + " and value) to every partition of the table's topic, so a sink can remove the rows the generation did not see"
                        + " (the Tributary sink's stale.rows=delete). Needs " + BOOTSTRAP_SERVERS + " to read the topic's partitions; a"
                        + " compacted topic is refused. See docs/source.md, Re-snapshots.",
                GROUP, ++order, Width.SHORT, "End-of-snapshot markers");
        def.define(BOOTSTRAP_SERVERS, ConfigDef.Type.STRING, "", Importance.MEDIUM,
                "Brokers of the Kafka cluster the connector writes to, for an Admin client that reads a topic's partition count and"
                        + " cleanup.policy (" + END_MARKERS + "). Settings of that client (security) are passed with the prefix "
                        + ADMIN_PREFIX + ", e.g. " + ADMIN_PREFIX + "security.protocol=SSL. The REST API shows those values"
                        + " unmasked: put secrets (" + ADMIN_PREFIX + "sasl.jaas.config) in a config provider, e.g."
                        + " ${file:/secrets/kafka.properties:jaas}.",
                GROUP, ++order, Width.LONG, "Kafka brokers");
        def.define(REFRESH_TABLES, ConfigDef.Type.STRING, "", new RegexValidator(), Importance.MEDIUM,
                "A regular expression on schema.table: the matching tables are snapshot again (a new generation) every "
                        + REFRESH_INTERVAL_MS + " after their last plan, while incremental sync goes on. Empty: none.",
                GROUP, ++order, Width.LONG, "Refreshed tables");
        def.define(REFRESH_INTERVAL_MS, ConfigDef.Type.LONG, 86_400_000L, ConfigDef.Range.atLeast(1_000), Importance.MEDIUM,
                "Time from a table's last plan to its next periodic refresh (" + REFRESH_TABLES + ").",
                GROUP, ++order, Width.SHORT, "Refresh interval (ms)");
        def.define(REFRESH_MODE, ConfigDef.Type.STRING, "full", ConfigDef.CaseInsensitiveValidString.in("full", "keys"),
                Importance.MEDIUM, "What a periodic refresh reads: full (every column, records tributary.op=r) or keys (only the key"
                        + " columns, records tributary.op=k that mark a key as still present and carry no data: far cheaper, enough to"
                        + " detect deletes). A table without a key is always refreshed in full; a re-snapshot by the offsets procedure is full."
                        + " keys needs incremental.method=cursor, and a sink that knows key marks (the Tributary sink): any other sink"
                        + " would write their nulls as values.",
                GROUP, ++order, Width.SHORT, "Refresh mode");
    }

    static ResnapshotSettings of(AbstractConfig config) {
        Map<String, Object> admin = new HashMap<>(config.originalsWithPrefix(ADMIN_PREFIX));
        String servers = config.getString(BOOTSTRAP_SERVERS).trim();
        if (!servers.isEmpty()) {
            admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
        }
        String tables = config.getString(REFRESH_TABLES).trim();
        return new ResnapshotSettings(config.getBoolean(END_MARKERS), servers, admin, tables.isEmpty() ? null : Pattern.compile(tables),
                config.getLong(REFRESH_INTERVAL_MS), "keys".equals(config.getString(REFRESH_MODE).toLowerCase(Locale.ROOT)));
    }

    /** Names the Admin client's settings, never their values (they may hold credentials). */
    @Override
    public String toString() {
        return "ResnapshotSettings[endMarkers=" + endMarkers + ", bootstrapServers=" + bootstrapServers + ", adminProperties="
                + adminProperties.keySet() + ", refreshTables=" + refreshTables + ", refreshIntervalMs=" + refreshIntervalMs
                + ", keysOnlyRefresh=" + keysOnlyRefresh + "]";
    }

    /** Whether {@code table} is refreshed periodically. */
    public boolean refreshes(String table) {
        return refreshTables != null && refreshTables.matcher(table).matches();
    }

    /** A regular expression that compiles. */
    static final class RegexValidator implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Pattern.compile(value == null ? "" : value.toString().trim());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(name, value, "not a regular expression: " + e.getDescription());
            }
        }

        @Override
        public String toString() {
            return "a regular expression on schema.table";
        }
    }
}
