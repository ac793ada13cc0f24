package io.tributary.sink.record;

import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/** A record's last header of a name, read as our source writes it and as a header converter may give it (numbers as numbers or text). */
final class HeaderValues {

    private HeaderValues() {
    }

    /**
     * The header as a number, or null without it.
     *
     * @throws UnconvertibleRecordException when it is not a number
     */
    static Long number(SinkRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        if (header == null || header.value() == null) {
            return null;
        }
        Object value = header.value();
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new UnconvertibleRecordException("header " + name + " is not a number: " + value);
        }
    }

    /** The header as text, or null without it. */
    static String text(SinkRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null || header.value() == null ? null : header.value().toString();
    }
}
