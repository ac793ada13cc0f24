package io.tributary.source.offsets;

import java.util.HashMap;
import java.util.Map;

/**
 * The offset of a table's {@code generation} partition: the newest generation planned for the table,
 * its plan, and whether its end-of-snapshot markers were sent. Unlike the plan partition it is not
 * nulled by a re-snapshot, so the next plan can number its generation above it.
 */
public record GenerationOffset(String planId, long generation, boolean ended) {

    static final String PLAN_ID = "plan_id";
    static final String GENERATION = "generation";
    static final String ENDED = "ended";

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        map.put(PLAN_ID, planId);
        map.put(GENERATION, generation);
        map.put(ENDED, ended);
        return map;
    }

    /** Null when {@code map} is null (no generation recorded yet). */
    public static GenerationOffset fromMap(Map<String, ?> map) {
        if (map == null) {
            return null;
        }
        if (!(map.get(PLAN_ID) instanceof String planId) || !(map.get(GENERATION) instanceof Number generation)
                || !(map.get(ENDED) instanceof Boolean ended)) {
            throw new IllegalArgumentException("not a generation offset (plan_id, generation, ended): " + map);
        }
        return new GenerationOffset(planId, generation.longValue(), ended);
    }

    /** Whether the markers of {@code planId}'s generation were sent (as far as the committed offsets say). */
    public static boolean ended(Map<String, ?> map, String planId) {
        GenerationOffset offset = fromMap(map);
        return offset != null && offset.ended() && offset.planId().equals(planId);
    }
}
