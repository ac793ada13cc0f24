package io.tributary.source.offsets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The incremental checkpoint of a table, tied to the plan it continues: the cursor value and tie-breaker values of the last row
 * emitted. {@code inclusive} marks the start point taken from the plan's watermark, before any row:
 * rows AT the watermark are read again (duplicates are allowed, losses are not).
 *
 * @param columns the order columns (cursor, tie-breakers) the values belong to, so a later plan can tell
 *        whether it may continue from them; null in checkpoints written before they were recorded
 */
public record IncrementalOffset(String planId, Object cursor, List<Object> tieBreaker, boolean inclusive, List<String> columns) {

    public IncrementalOffset(String planId, Object cursor, List<Object> tieBreaker, boolean inclusive) {
        this(planId, cursor, tieBreaker, inclusive, null);
    }

    static final String PLAN_ID = "plan_id";
    static final String CURSOR = "cursor";
    static final String TIE_BREAKER = "tie_breaker";
    static final String INCLUSIVE = "inclusive";
    static final String COLUMNS = "columns";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(PLAN_ID, planId);
        map.put(CURSOR, cursor);
        map.put(TIE_BREAKER, OffsetJson.write(tieBreaker));
        map.put(INCLUSIVE, inclusive);
        if (columns != null) {
            map.put(COLUMNS, OffsetJson.write(columns));
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    public static IncrementalOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        List<Object> tieBreaker;
        List<Object> columns;
        try {
            tieBreaker = OffsetJson.readList(map.get(TIE_BREAKER));
            columns = OffsetJson.readList(map.get(COLUMNS));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an incremental offset: " + map, e);
        }
        Object inclusive = map.get(INCLUSIVE);
        Object planId = map.get(PLAN_ID);
        if (!(planId instanceof String) || !(inclusive instanceof Boolean)) {
            throw new IllegalArgumentException("not an incremental offset: " + map);
        }
        return new IncrementalOffset((String) planId, map.get(CURSOR), tieBreaker, (Boolean) inclusive,
                columns == null ? null : columns.stream().map(String::valueOf).toList());
    }
}
