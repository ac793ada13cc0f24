package io.tributary.source.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Generation numbers: stored in the plan, strictly increasing per table even when the clock goes back. */
class GenerationTest {

    @Test
    void aGenerationIsThePlanningTimeOrOneAboveThePreviousOne() {
        assertEquals(1_700_000_000_000L, TablePlanner.nextGeneration(1_700_000_000_000L, 0L), "first plan: its time");
        assertEquals(1_700_000_000_000L, TablePlanner.nextGeneration(1_700_000_000_000L, 1_600_000_000_000L));
        assertEquals(1_700_000_000_001L, TablePlanner.nextGeneration(1_700_000_000_000L, 1_700_000_000_000L),
                "same millisecond: still greater");
        assertEquals(1_800_000_000_001L, TablePlanner.nextGeneration(1_700_000_000_000L, 1_800_000_000_000L),
                "a clock behind the previous plan's: one above it");
    }

    @Test
    void thePlanStoresItsGenerationStartAndMode() {
        TablePlan plan = new TablePlan("public.t", "p1", List.of("id"), List.of(List.of(5L)), List.of("updated_at"),
                "2026-01-01T00:00:00.000000Z", 10, "2026-01-01T00:00:01Z", null).asGeneration(1_767_225_601_000L, 1_767_225_600_000_000L,
                true);
        Map<String, Object> map = plan.toMap();
        assertEquals(1_767_225_601_000L, map.get("generation"));
        assertEquals(1_767_225_600_000_000L, map.get("generation_start"));
        assertEquals("keys", map.get("mode"));
        TablePlan back = TablePlan.fromMap(map);
        assertEquals(plan, back);
        assertTrue(back.hasGeneration() && back.keysOnly());
    }

    @Test
    void aPlanWrittenBeforeGenerationsHasNone() {
        TablePlan old = new TablePlan("public.t", "p0", List.of("id"), List.of(), List.of(), null, 0, "2025-01-01T00:00:00Z");
        Map<String, Object> map = old.toMap();
        assertFalse(map.containsKey("generation"), "nothing written that an old plan did not have: " + map);
        TablePlan back = TablePlan.fromMap(map);
        assertFalse(back.hasGeneration(), "no generation, so no header and no end-of-snapshot markers for it");
        assertNull(back.start());
        assertFalse(back.keysOnly());
    }
}
