package io.tributary.sink.engine;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.schema.TableId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Names the destination table of a topic with {@code table.name.format}: {@code ${table}} is the
 * last dot-separated part of the topic ({@code <prefix>.<schema>.<table>}), {@code ${schema}} the one
 * before it, {@code ${topic}} the whole topic with dots as underscores. A topic without a schema part
 * drops {@code ${schema}} together with its {@code _} separator, so the default
 * {@code ${schema}_${table}} gives just the table. Tables go into {@code warehouse.schema}.
 *
 * <p>Each table takes one topic: a second topic routed to a table already written from another would
 * overwrite its rows, so it fails with both topics, the table and the format named.
 */
public final class TableRouter {

    private final String warehouseSchema;
    private final String format;
    private final Map<String, TableId> cache = new HashMap<>();
    private final Map<TableId, String> topics = new HashMap<>();

    public TableRouter(String warehouseSchema, String format) {
        this.warehouseSchema = warehouseSchema;
        this.format = format;
    }

    /** @throws ConnectException when another topic already goes to the same table */
    public TableId table(String topic) {
        TableId cached = cache.get(topic);
        if (cached != null) {
            return cached;
        }
        TableId table = route(topic);
        String other = topics.putIfAbsent(table, topic);
        if (other != null) {
            throw new ConnectException("Topics " + other + " and " + topic + " both go to table " + table + " ("
                    + WarehouseSinkConfig.TABLE_NAME_FORMAT + "=" + format + "): the rows of one would overwrite the other's. Set "
                    + WarehouseSinkConfig.TABLE_NAME_FORMAT + " so that each topic has a table of its own, e.g. ${schema}_${table}"
                    + " (the default) or ${topic}");
        }
        cache.put(topic, table);
        return table;
    }

    /** For validate(): the collision among {@code topicNames}, if any, as {@link #table} would report it. */
    public static Optional<String> collision(String warehouseSchema, String format, Collection<String> topicNames) {
        TableRouter router = new TableRouter(warehouseSchema, format);
        try {
            topicNames.forEach(router::table);
            return Optional.empty();
        } catch (ConnectException e) {
            return Optional.of(e.getMessage());
        }
    }

    // split drops trailing empty parts, so topic "db.public.orders." routes like "db.public.orders"; kept as it was
    @SuppressWarnings("StringSplitter")
    private TableId route(String topic) {
        String[] parts = topic.split("\\.");
        if (parts.length == 0 || parts[parts.length - 1].isEmpty()) {
            throw new ConnectException("Topic '" + topic + "' has no name part to name a table after (" + WarehouseSinkConfig.TABLE_NAME_FORMAT
                    + "=" + format + "): rename the topic, or route it with a transform such as RegexRouter");
        }
        String table = parts[parts.length - 1];
        String schema = parts.length > 1 ? parts[parts.length - 2] : "";
        String name = schema.isEmpty() ? format.replace("${schema}_", "").replace("_${schema}", "") : format;
        name = name.replace("${table}", table).replace("${schema}", schema).replace("${topic}", topic.replace('.', '_'));
        return new TableId(warehouseSchema, name);
    }
}
