package io.tributary.source.plan;

import io.tributary.source.config.TableRules;
import io.tributary.source.schema.TableDescription;
import java.util.List;

/**
 * The columns a table's plan is made of: its key (the primary key, or the {@code key.columns}
 * override) and its cursor (from {@code cursor.columns}; empty without one).
 */
public record PlanColumns(List<String> keys, List<String> cursors) {

    public PlanColumns {
        keys = List.copyOf(keys);
        cursors = List.copyOf(cursors);
    }

    public static PlanColumns resolve(TableDescription table, TableRules keyRules, TableRules cursorRules) {
        String name = table.id().qualified();
        return new PlanColumns(keyRules.columnsFor(name).orElse(table.primaryKey()), cursorRules.columnsFor(name).orElse(List.of()));
    }
}
