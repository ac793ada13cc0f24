package io.tributary.source.offsets;

import java.util.AbstractMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checkpoint of one snapshot chunk: which plan it belongs to, the last key emitted (null before
 * the first row), whether the chunk is done, and how many rows it has emitted.
 */
public record ChunkOffset(String planId, List<Object> lastKey, boolean done, long rows) {

    static final String PLAN_ID = "plan_id";
    static final String LAST_KEY = "last_key";
    static final String DONE = "done";
    static final String ROWS = "rows";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(PLAN_ID, planId);
        map.put(LAST_KEY, OffsetJson.write(lastKey));
        map.put(DONE, done);
        map.put(ROWS, rows);
        return map;
    }

    /**
     * The same map, built only when read. Every snapshot record carries its chunk's checkpoint, but
     * Connect reads one per partition per offset commit (the newest acknowledged record's), so the
     * key's JSON text is written for that one, not for every row.
     */
    public Map<String, Object> toLazyMap() {
        return new AbstractMap<>() {
            private volatile Map<String, Object> map;

            @Override
            public Set<Entry<String, Object>> entrySet() {
                Map<String, Object> built = map;
                if (built == null) {
                    built = toMap();
                    map = built;
                }
                return built.entrySet();
            }
        };
    }

    /** Null when {@code map} is null (no checkpoint yet). */
    @SuppressWarnings("unchecked")
    public static ChunkOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        Object planId = map.get(PLAN_ID);
        Object lastKey;
        try {
            lastKey = OffsetJson.readList(map.get(LAST_KEY));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a chunk offset: " + map, e);
        }
        Object done = map.get(DONE);
        Object rows = map.get(ROWS);
        if (!(planId instanceof String) || !(done instanceof Boolean) || !(rows instanceof Number)
) {
            throw new IllegalArgumentException("not a chunk offset: " + map);
        }
        return new ChunkOffset((String) planId, (List<Object>) lastKey, (Boolean) done, ((Number) rows).longValue());
    }
}
