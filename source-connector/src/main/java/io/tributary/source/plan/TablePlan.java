package io.tributary.source.plan;

import io.tributary.source.offsets.OffsetJson;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a table is snapshot, decided once and kept in Connect offsets: the key columns, the chunk
 * boundaries (the last key of every chunk but the last, as offset values), and where its changes are
 * followed from: the cursor's start point (cursor mode) or its log start (log mode), read before the
 * first chunk. Chunk {@code i} holds the keys {@code > boundaries[i-1]} and {@code <= boundaries[i]};
 * the first chunk has no lower bound and the last none upper. A table without key columns is one chunk.
 *
 * <p>Each plan is one <em>generation</em> of the table (docs/source.md, Re-snapshots): its number grows
 * strictly per table (the planning time in epoch milliseconds, made greater than the previous plan's),
 * and every record read under the plan carries it. Plans written before generations existed have none (0).
 *
 * @param logStart the log start in log mode; null in cursor mode
 * @param generation the generation's number; 0 for a plan written before generations existed
 * @param start the generation's start point in the encoding of {@code tributary.position} (the watermark's
 *        position in cursor mode, the log start in log mode); null when the table has none
 * @param keysOnly whether the chunks read only the key columns (a keys-only refresh)
 */
public record TablePlan(String table, String planId, List<String> keyColumns, List<List<Object>> boundaries,
        List<String> cursorColumns, Object watermark, long estimatedRows, String plannedAt, LogStart logStart,
        long generation, Long start, boolean keysOnly) {

    public TablePlan {
        keyColumns = List.copyOf(keyColumns);
        boundaries = List.copyOf(boundaries);
        cursorColumns = List.copyOf(cursorColumns);
    }

    /** A plan without a generation (as written before generations existed). */
    public TablePlan(String table, String planId, List<String> keyColumns, List<List<Object>> boundaries,
            List<String> cursorColumns, Object watermark, long estimatedRows, String plannedAt, LogStart logStart) {
        this(table, planId, keyColumns, boundaries, cursorColumns, watermark, estimatedRows, plannedAt, logStart, 0L, null, false);
    }

    /** A plan of cursor mode. */
    public TablePlan(String table, String planId, List<String> keyColumns, List<List<Object>> boundaries,
            List<String> cursorColumns, Object watermark, long estimatedRows, String plannedAt) {
        this(table, planId, keyColumns, boundaries, cursorColumns, watermark, estimatedRows, plannedAt, null);
    }

    /** Whether the table's changes come from the log. */
    public boolean logMode() {
        return logStart != null;
    }

    /** Whether the plan has a generation number (plans written before generations existed have none). */
    public boolean hasGeneration() {
        return generation > 0;
    }

    /** The same plan as generation {@code number}, starting at {@code startPoint}, reading whole rows or only keys. */
    public TablePlan asGeneration(long number, Long startPoint, boolean keys) {
        return new TablePlan(table, planId, keyColumns, boundaries, cursorColumns, watermark, estimatedRows, plannedAt, logStart,
                number, startPoint, keys);
    }

    public int chunkCount() {
        return boundaries.size() + 1;
    }

    /** Lower bound of chunk {@code i} (exclusive), null for the first chunk. */
    public List<Object> lowerBound(int chunk) {
        return chunk == 0 ? null : boundaries.get(chunk - 1);
    }

    /** Upper bound of chunk {@code i} (inclusive), null for the last chunk. */
    public List<Object> upperBound(int chunk) {
        return chunk == boundaries.size() ? null : boundaries.get(chunk);
    }

    public boolean hasCursor() {
        return !cursorColumns.isEmpty();
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put("table", table);
        map.put("plan_id", planId);
        map.put("key_columns", OffsetJson.write(keyColumns));
        map.put("boundaries", OffsetJson.write(boundaries));
        map.put("cursor_columns", OffsetJson.write(cursorColumns));
        map.put("watermark", watermark);
        map.put("estimated_rows", estimatedRows);
        map.put("planned_at", plannedAt);
        if (logStart != null) {
            map.put("log_position", logStart.position());
            map.put("log_start", OffsetJson.write(logStart.details()));
        }
        if (generation > 0) {
            map.put("generation", generation);
            map.put("generation_start", start);
            map.put("mode", keysOnly ? "keys" : "full");
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    public static TablePlan fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        try {
            List<List<Object>> boundaries = new ArrayList<>();
            for (Object b : OffsetJson.readList(map.get("boundaries"))) {
                boundaries.add((List<Object>) b);
            }
            Object rows = map.get("estimated_rows");
            LogStart logStart = null;
            if (map.get("log_position") instanceof Number position) {
                logStart = new LogStart(position.longValue(), OffsetJson.readMap(map.get("log_start")));
            }
            return new TablePlan((String) map.get("table"), (String) map.get("plan_id"),
                    strings(OffsetJson.readList(map.get("key_columns"))), boundaries,
                    strings(OffsetJson.readList(map.get("cursor_columns"))),
                    map.get("watermark"), rows instanceof Number n ? n.longValue() : 0L, (String) map.get("planned_at"), logStart,
                    map.get("generation") instanceof Number g ? g.longValue() : 0L,
                    map.get("generation_start") instanceof Number s ? s.longValue() : null, "keys".equals(map.get("mode")));
        } catch (ClassCastException | NullPointerException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a table plan: " + map, e);
        }
    }

    private static List<String> strings(List<Object> values) {
        List<String> out = new ArrayList<>();
        for (Object value : values) {
            out.add((String) value);
        }
        return out;
    }
}
