package io.tributary.sink.record;

import io.tributary.common.RecordHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Reads the re-snapshot headers of our source (docs/record-contract.md): {@code tributary.generation} on
 * every record, and what an end-of-snapshot marker carries. A header converter may give numbers as
 * numbers or as text; both are read.
 */
final class GenerationHeaders {

    private GenerationHeaders() {
    }

    /**
     * The record's generation, or null without the header.
     *
     * @throws UnconvertibleRecordException when the header is not a number
     */
    static Long generation(SinkRecord record) {
        return HeaderValues.number(record, RecordHeaders.GENERATION);
    }

    /**
     * The end-of-snapshot marker's content.
     *
     * @throws UnconvertibleRecordException naming the header that is missing or malformed
     */
    static SnapshotEnd snapshotEnd(SinkRecord record) {
        Long generation = HeaderValues.number(record, RecordHeaders.GENERATION);
        if (generation == null) {
            throw missing(RecordHeaders.GENERATION);
        }
        Long partitions = HeaderValues.number(record, RecordHeaders.GENERATION_PARTITIONS);
        if (partitions == null) {
            throw missing(RecordHeaders.GENERATION_PARTITIONS);
        }
        if (partitions < 1 || partitions > Integer.MAX_VALUE) {
            throw new UnconvertibleRecordException("end-of-snapshot marker: header " + RecordHeaders.GENERATION_PARTITIONS
                    + " is " + partitions + ", not a partition count");
        }
        String modeText = HeaderValues.text(record, RecordHeaders.GENERATION_MODE);
        String mode = modeText == null ? null : modeText.trim();
        if (mode == null) {
            throw missing(RecordHeaders.GENERATION_MODE);
        }
        if (!RecordHeaders.MODE_FULL.equals(mode) && !RecordHeaders.MODE_KEYS.equals(mode)) {
            throw new UnconvertibleRecordException("end-of-snapshot marker: header " + RecordHeaders.GENERATION_MODE + " is '" + mode
                    + "', not " + RecordHeaders.MODE_FULL + " or " + RecordHeaders.MODE_KEYS);
        }
        return new SnapshotEnd(generation, HeaderValues.number(record, RecordHeaders.GENERATION_START), partitions.intValue(), mode);
    }

    private static UnconvertibleRecordException missing(String header) {
        return new UnconvertibleRecordException("end-of-snapshot marker (" + RecordHeaders.OP + "=" + RecordHeaders.OP_SNAPSHOT_END
                + ") without the header " + header);
    }
}
