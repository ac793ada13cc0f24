package io.tributary.source.offsets;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The incremental checkpoint of a table, tied to the plan it continues: the cursor value and tie-breaker values of the last row
 * emitted. {@code inclusive} marks the start point taken from the plan's watermark, before any row:
 * rows AT the watermark are read again (duplicates are allowed, losses are not).
 */
public record IncrementalOffset(String planId, Object cursor, List<Object> tieBreaker, boolean inclusive) {

    static final String PLAN_ID = "plan_id";
    static final String CURSOR = "cursor";
    static final String TIE_BREAKER = "tie_breaker";
    static final String INCLUSIVE = "inclusive";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(PLAN_ID, planId);
        map.put(CURSOR, cursor);
        map.put(TIE_BREAKER, OffsetJson.write(tieBreaker));
        map.put(INCLUSIVE, inclusive);
        return map;
    }

    @SuppressWarnings("unchecked")
    public static IncrementalOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        List<Object> tieBreaker;
        try {
            tieBreaker = OffsetJson.readList(map.get(TIE_BREAKER));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an incremental offset: " + map, e);
        }
        Object inclusive = map.get(INCLUSIVE);
        Object planId = map.get(PLAN_ID);
        if (!(planId instanceof String) || !(inclusive instanceof Boolean)) {
            throw new IllegalArgumentException("not an incremental offset: " + map);
        }
        return new IncrementalOffset((String) planId, map.get(CURSOR), tieBreaker, (Boolean) inclusive);
    }
}
