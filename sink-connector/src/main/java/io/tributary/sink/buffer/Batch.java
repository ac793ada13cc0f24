package io.tributary.sink.buffer;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A finished batch: a local Avro object container file with the records of one topic for one table,
 * from one or more of its partitions.
 *
 * @param table destination table
 * @param topic the topic the records came from
 * @param ranges per partition number, the offsets covered (written or skipped), in partition order
 * @param schema data columns
 * @param stagedColumns the columns of the file, in order: data columns then staged metadata columns
 * @param file the local file; empty when {@code records == 0}
 * @param records rows written to the file
 * @param bytes size of the file
 * @param firstTimestamp Kafka timestamp of the first record (epoch ms), or -1
 * @param unchangedColumns the data columns some version of the batch left out (its values are not
 *        data, see {@code ChangeEvent#unchanged}), in column order; empty when every version carries every value
 * @param truncate the newest truncate among the batch's records ({@code truncate.mode=apply}), or null; a batch
 *        of truncates only has no data columns and no rows
 * @param generationEnds the ends of generations (end-of-snapshot markers) among the batch's records, in the order
 *        they were added; a batch that starts with one has no data columns
 * @param keyRanges the lowest and highest value of each integer key column over the batch's rows ({@link KeyRange});
 *        empty when there are none
 */
public record Batch(TableId table, String topic, SortedMap<Integer, OffsetRange> ranges, TableSchema schema,
        List<Column> stagedColumns, Path file, int records, long bytes, long firstTimestamp, List<String> unchangedColumns,
        Version truncate, List<GenerationEnd> generationEnds, List<KeyRange> keyRanges) {

    public Batch {
        ranges = new TreeMap<>(ranges);
        unchangedColumns = List.copyOf(unchangedColumns);
        generationEnds = List.copyOf(generationEnds);
        keyRanges = List.copyOf(keyRanges);
    }

    /** A batch without key ranges. */
    public Batch(TableId table, String topic, SortedMap<Integer, OffsetRange> ranges, TableSchema schema, List<Column> stagedColumns,
            Path file, int records, long bytes, long firstTimestamp, List<String> unchangedColumns, Version truncate,
            List<GenerationEnd> generationEnds) {
        this(table, topic, ranges, schema, stagedColumns, file, records, bytes, firstTimestamp, unchangedColumns, truncate, generationEnds,
                List.of());
    }

    /** A batch without ends of generations. */
    public Batch(TableId table, String topic, SortedMap<Integer, OffsetRange> ranges, TableSchema schema, List<Column> stagedColumns,
            Path file, int records, long bytes, long firstTimestamp, List<String> unchangedColumns, Version truncate) {
        this(table, topic, ranges, schema, stagedColumns, file, records, bytes, firstTimestamp, unchangedColumns, truncate, List.of());
    }

    /** A batch without truncates. */
    public Batch(TableId table, String topic, SortedMap<Integer, OffsetRange> ranges, TableSchema schema, List<Column> stagedColumns,
            Path file, int records, long bytes, long firstTimestamp, List<String> unchangedColumns) {
        this(table, topic, ranges, schema, stagedColumns, file, records, bytes, firstTimestamp, unchangedColumns, null);
    }

    /** A batch whose versions carry every value, without truncates. */
    public Batch(TableId table, String topic, SortedMap<Integer, OffsetRange> ranges, TableSchema schema, List<Column> stagedColumns,
            Path file, int records, long bytes, long firstTimestamp) {
        this(table, topic, ranges, schema, stagedColumns, file, records, bytes, firstTimestamp, List.of(), null);
    }

    /** Whether the batch has no rows to write, no truncate and no end of a generation: nothing to do. */
    public boolean empty() {
        return records == 0 && truncate == null && generationEnds.isEmpty();
    }

    /** The one partition of a single-partition batch, or the lowest partition of a larger one. */
    public int firstPartition() {
        return ranges.firstKey();
    }

    /** The covered offsets of the batch's first partition. */
    public OffsetRange firstRange() {
        return ranges.get(ranges.firstKey());
    }

    /** {@code topic[partition:first-last, ...]}, for logs and messages. */
    public String describe() {
        return topic + ranges.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** Deletes the local file, once the batch is written or dropped; a leftover temp file is harmless, so a failure is ignored. */
    public void deleteFile() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the temp folder keeps it
        }
    }

    @Override
    public SortedMap<Integer, OffsetRange> ranges() {
        return Collections.unmodifiableSortedMap(ranges);
    }
}
