package io.tributary.sink.record;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a header that holds a JSON array of strings ({@code ["body","doc"]}), as our source writes
 * {@code tributary.unchanged}. A header converter may already have parsed it into a list (Connect's
 * default, SimpleHeaderConverter, does); then the list is taken as it is.
 */
final class HeaderNames {

    private HeaderNames() {
    }

    /** @throws UnconvertibleRecordException when the value is not an array of strings */
    static List<String> parse(String header, Object value) {
        if (value instanceof List<?> list) {
            List<String> names = new ArrayList<>();
            for (Object element : list) {
                if (!(element instanceof String name)) {
                    throw invalid(header, value);
                }
                names.add(name);
            }
            return names;
        }
        if (!(value instanceof String text)) {
            throw invalid(header, value);
        }
        return new Parser(header, text.trim()).array();
    }

    private static UnconvertibleRecordException invalid(String header, Object value) {
        return new UnconvertibleRecordException("header " + header + " is not a JSON array of field names: " + value);
    }

    /** A JSON array of strings, with JSON's escapes. */
    private static final class Parser {
        private final String header;
        private final String text;
        private int at;

        Parser(String header, String text) {
            this.header = header;
            this.text = text;
        }

        List<String> array() {
            List<String> names = new ArrayList<>();
            expect('[');
            skipSpace();
            if (peek() == ']') {
                at++;
            } else {
                while (true) {
                    skipSpace();
                    names.add(string());
                    skipSpace();
                    char next = next();
                    if (next == ']') {
                        break;
                    }
                    if (next != ',') {
                        throw invalid(header, text);
                    }
                }
            }
            skipSpace();
            if (at != text.length()) {
                throw invalid(header, text);
            }
            return names;
        }

        private String string() {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char escaped = next();
                switch (escaped) {
                    case '"', '\\', '/' -> out.append(escaped);
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw invalid(header, text);
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException e) {
                            throw invalid(header, text);
                        }
                        at += 4;
                    }
                    default -> throw invalid(header, text);
                }
            }
        }

        private void expect(char c) {
            if (next() != c) {
                throw invalid(header, text);
            }
        }

        private char next() {
            if (at >= text.length()) {
                throw invalid(header, text);
            }
            return text.charAt(at++);
        }

        private char peek() {
            return at < text.length() ? text.charAt(at) : 0;
        }

        private void skipSpace() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
