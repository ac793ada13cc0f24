package io.tributary.source.plan;

import java.util.ArrayList;
import java.util.List;

/**
 * Row-value comparisons written out as OR/AND terms, which every database and its indexes
 * understand: {@code (a, b) > (x, y)} becomes {@code a > ? OR (a = ? AND b > ?)}. Each comparison
 * carries the key positions its parameters bind, in order.
 */
public final class KeysetSql {

    /** SQL text and, for each {@code ?}, the index of the key column whose value it takes. */
    public record Condition(String sql, List<Integer> bindOrder) {
    }

    private KeysetSql() {
    }

    /** {@code (e...) > (?...)}. */
    public static Condition greaterThan(List<String> expressions) {
        return compare(expressions, ">", false);
    }

    /** {@code (e...) >= (?...)}. */
    public static Condition greaterOrEqual(List<String> expressions) {
        return compare(expressions, ">", true);
    }

    /** {@code (e...) <= (?...)}. */
    public static Condition lessOrEqual(List<String> expressions) {
        return compare(expressions, "<", true);
    }

    private static Condition compare(List<String> expressions, String op, boolean orEqual) {
        List<String> terms = new ArrayList<>();
        List<Integer> binds = new ArrayList<>();
        int n = expressions.size();
        for (int i = 0; i < n; i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(expressions.get(j) + " = ?");
                binds.add(j);
            }
            parts.add(expressions.get(i) + " " + op + " ?");
            binds.add(i);
            terms.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")");
        }
        if (orEqual) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                parts.add(expressions.get(j) + " = ?");
                binds.add(j);
            }
            terms.add(n == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")");
        }
        return new Condition("(" + String.join(" OR ", terms) + ")", binds);
    }
}
