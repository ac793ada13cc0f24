package io.tributary.sink.destination.sql;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Names that fit a warehouse's identifier limit. A warehouse that silently truncates identifiers
 * beyond its limit would put two long names into one table and never find a long name again by its
 * full spelling; a name that is too long is instead shortened to a prefix plus a hash of the whole
 * name, the same on every batch and every task.
 */
public final class Identifiers {

    private static final int HASH_CHARS = 8;

    private Identifiers() {
    }

    /** {@code name} when its UTF-8 form has at most {@code maxBytes} bytes; else its prefix, '_' and 8 hex digits of its SHA-256. */
    public static String fit(String name, int maxBytes) {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxBytes) {
            return name;
        }
        if (maxBytes < HASH_CHARS + 2) {
            throw new IllegalArgumentException("an identifier limit of " + maxBytes + " bytes leaves no room for " + name);
        }
        String hash = HexFormat.of().formatHex(sha256(bytes)).substring(0, HASH_CHARS);
        return prefix(name, maxBytes - HASH_CHARS - 1) + "_" + hash;
    }

    /**
     * What a database that cuts identifiers silently stores for {@code name}: its longest
     * prefix of at most {@code maxBytes} UTF-8 bytes, never splitting a character.
     */
    public static String truncate(String name, int maxBytes) {
        return prefix(name, maxBytes);
    }

    private static String prefix(String name, int budget) {
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        for (int i = 0; i < name.length(); ) {
            int codePoint = name.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (used + size > budget) {
                break;
            }
            prefix.appendCodePoint(codePoint);
            used += size;
            i += Character.charCount(codePoint);
        }
        return prefix.toString();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
