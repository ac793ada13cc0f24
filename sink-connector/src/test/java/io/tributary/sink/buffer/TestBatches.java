package io.tributary.sink.buffer;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;

/** Batches for tests that need one without writing a file. */
public final class TestBatches {

    private TestBatches() {
    }

    /** A batch of one partition covering offsets {@code first..last}. */
    public static Batch of(TableId table, String topic, int partition, long first, long last, TableSchema schema,
            List<Column> stagedColumns, Path file, long timestamp) {
        TreeMap<Integer, OffsetRange> ranges = new TreeMap<>();
        ranges.put(partition, new OffsetRange(first, last));
        return new Batch(table, topic, ranges, schema, stagedColumns, file, (int) (last - first + 1), 100, timestamp);
    }
}
