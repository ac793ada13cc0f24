package io.tributary.sink.record;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Recognises the value Debezium's log reader sends for a column an UPDATE left alone and
 * did not carry (an unchanged TOAST value, {@code unavailable.value.placeholder}), in each form Debezium
 * 3.5 gives it (its unchanged-value placeholder and value converter classes): the text (text,
 * varchar, json, jsonb, xml, and bytea in hex or base64 mode), its bytes (bytea), a one-element list of
 * the text, the bytes or the name-based UUID of the bytes (arrays of text, varchar, json, bytea, uuid),
 * a list with one number per byte (arrays of integer, date, bigint), and for hstore the map
 * {@code {text: text}} or its JSON.
 */
public final class Placeholder {

    /** Debezium's default. */
    public static final String DEBEZIUM_DEFAULT = "__debezium_unavailable_value";

    private final String text;
    private final byte[] bytes;
    private final String uuid;
    private final String hstoreJson;

    /**
     * @param configured the placeholder as Debezium's {@code unavailable.value.placeholder} takes it: text, or
     *        {@code hex:} and the bytes in hex; empty: nothing is a placeholder
     */
    public Placeholder(String configured) {
        if (configured == null || configured.isEmpty()) {
            this.bytes = null;
            this.text = null;
            this.uuid = null;
            this.hstoreJson = null;
            return;
        }
        this.bytes = configured.startsWith("hex:") ? HexFormat.of().parseHex(configured.substring(4))
                : configured.getBytes(StandardCharsets.UTF_8);
        this.text = new String(bytes, StandardCharsets.UTF_8);
        this.uuid = UUID.nameUUIDFromBytes(bytes).toString();
        String quoted = "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        this.hstoreJson = "{" + quoted + ":" + quoted + "}";
    }

    /** Refuses a {@code hex:} value that is not hex. */
    public static ConfigDef.Validator validator() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value instanceof String text && text.startsWith("hex:")) {
                    try {
                        HexFormat.of().parseHex(text.substring(4));
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(name, value, "after hex: come the placeholder's bytes in hex (an even number of 0-9, a-f)");
                    }
                }
            }

            @Override
            public String toString() {
                return "text, or hex: and bytes in hex";
            }
        };
    }

    /** Whether {@code value} is the placeholder in one of its forms. */
    public boolean matches(Object value) {
        if (text == null || value == null) {
            return false;
        }
        if (value instanceof String s) {
            return s.length() == text.length() ? s.equals(text) : s.equals(hstoreJson);
        }
        if (value instanceof byte[] || value instanceof ByteBuffer) {
            return isBytes(value);
        }
        if (value instanceof List<?> list) {
            return list(list);
        }
        if (value instanceof Map<?, ?> map) {
            return map.size() == 1 && text.equals(map.get(text));
        }
        return false;
    }

    private boolean list(List<?> list) {
        if (list.size() == 1) {
            Object only = list.get(0);
            return text.equals(only) || uuid.equals(only) || isBytes(only);
        }
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

    private boolean isBytes(Object value) {
        if (value instanceof byte[] array) {
            return Arrays.equals(array, bytes);
        }
        return value instanceof ByteBuffer buffer && buffer.remaining() == bytes.length && buffer.duplicate().equals(ByteBuffer.wrap(bytes));
    }
}
