package io.tributary.source.log;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Recognises the values the database's log did not carry: an UPDATE that left a large (out-of-line) value alone
 * sends no value for it under the default replica identity, and Debezium's reader puts a placeholder
 * in its place, whose form depends on the column type (text: the placeholder; bytea: its bytes; arrays:
 * a one-element array of it, or its bytes as numbers; uuid[]: a name-based UUID of it; hstore: a map
 * or JSON of it). We give Debezium a random placeholder per stream, so no real value can equal it,
 * and never emit it as data (docs/record-contract.md, {@code tributary.unchanged}).
 */
final class UnchangedValues {

    private final String placeholder;
    private final byte[] bytes;
    private final String uuid;

    UnchangedValues() {
        this("__tributary_unchanged_" + UUID.randomUUID().toString().replace("-", ""));
    }

    UnchangedValues(String placeholder) {
        this.placeholder = placeholder;
        this.bytes = placeholder.getBytes(StandardCharsets.US_ASCII);
        this.uuid = UUID.nameUUIDFromBytes(bytes).toString();
    }

    /** The placeholder to configure Debezium with ({@code unavailable.value.placeholder}). */
    String placeholder() {
        return placeholder;
    }

    boolean isPlaceholder(Object value) {
        if (value instanceof String text) {
            return text.equals(placeholder) || (text.startsWith("{") && text.contains(placeholder));
        }
        if (value instanceof byte[] array) {
            return Arrays.equals(array, bytes);
        }
        if (value instanceof ByteBuffer buffer) {
            return buffer.remaining() == bytes.length && buffer.duplicate().equals(ByteBuffer.wrap(bytes));
        }
        if (value instanceof Map<?, ?> map) {
            return map.size() == 1 && placeholder.equals(map.get(placeholder));
        }
        if (value instanceof List<?> list) {
            boolean single = list.size() == 1 && (isPlaceholder(list.get(0)) || uuid.equals(String.valueOf(list.get(0))));
            return single || isPlaceholderBytes(list);
        }
        return false;
    }

    private boolean isPlaceholderBytes(List<?> list) {
        if (list.size() != bytes.length) {
            return false;
        }
        for (int i = 0; i < bytes.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() != bytes[i]) {
                return false;
            }
        }
        return true;
    }
}
