package io.tributary.sink.schema;

import java.util.Collection;

/**
 * The text of the metadata column {@code <prefix>unchanged}: the columns of a row whose value is not
 * known (a change left them out), as {@code ,name,name,}; null when every value is known. Each name is
 * written with {@code %}, {@code ,}, {@code '} and {@code \} percent-encoded, so a name is found by
 * looking for {@link #token} (a plain substring, with no quote or backslash for any SQL dialect to
 * escape), and one name never matches inside another.
 */
public final class UnchangedMarker {

    private UnchangedMarker() {
    }

    /** The marker of {@code names}; null when there are none. */
    public static String of(Collection<String> names) {
        if (names.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder(",");
        for (String name : names) {
            out.append(encode(name)).append(',');
        }
        return out.toString();
    }

    /** What a marker holds when it lists {@code name}: {@code ,name,}. */
    public static String token(String name) {
        return "," + encode(name) + ",";
    }

    /** {@code name} with {@code %}, {@code ,}, {@code '} and {@code \} percent-encoded. */
    public static String encode(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case ',' -> out.append("%2C");
                case '\'' -> out.append("%27");
                case '\\' -> out.append("%5C");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
