package io.tributary.source.dialect.mysql;

/**
 * A binlog position as one INT64, ordered as the log: the file's index (its numeric suffix) in the high
 * 32 bits, the offset in the file in the low 32 bits. The sink decodes Debezium's positions the same way.
 */
final class BinlogPositions {

    private BinlogPositions() {
    }

    static long position(String file, long pos) {
        return (index(file) << 32) | (pos & 0xFFFF_FFFFL);
    }

    static long index(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("binlog file name without an index: " + file, e);
        }
    }
}
