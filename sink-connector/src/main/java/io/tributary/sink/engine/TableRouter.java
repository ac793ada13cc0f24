package io.tributary.sink.engine;

import io.tributary.sink.schema.TableId;
import java.util.HashMap;
import java.util.Map;

/**
 * Names the destination table of a topic with {@code table.name.format}: {@code ${table}} is the
 * last dot-separated part of the topic ({@code <prefix>.<schema>.<table>}), {@code ${schema}} the one
 * before it, {@code ${topic}} the whole topic with dots as underscores. Tables go into
 * {@code warehouse.schema}.
 */
public final class TableRouter {

    private final String warehouseSchema;
    private final String format;
    private final Map<String, TableId> cache = new HashMap<>();

    public TableRouter(String warehouseSchema, String format) {
        this.warehouseSchema = warehouseSchema;
        this.format = format;
    }

    public TableId table(String topic) {
        return cache.computeIfAbsent(topic, this::route);
    }

    private TableId route(String topic) {
        String[] parts = topic.split("\\.");
        String table = parts[parts.length - 1];
        String schema = parts.length > 1 ? parts[parts.length - 2] : "";
        String name = format.replace("${table}", table).replace("${schema}", schema).replace("${topic}", topic.replace('.', '_'));
        return new TableId(warehouseSchema, name);
    }
}
