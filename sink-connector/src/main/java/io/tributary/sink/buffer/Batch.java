package io.tributary.sink.buffer;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * A finished batch: a local Avro object container file of the records of one topic partition for
 * one table, offsets {@code firstOffset..lastOffset}.
 *
 * @param table destination table
 * @param partition the topic partition the records came from
 * @param schema data columns
 * @param stagedColumns the columns of the file, in order: data columns then staged metadata columns
 * @param file the local file; empty when {@code records == 0}
 * @param firstOffset offset of the first record covered (written or skipped)
 * @param lastOffset offset of the last record covered
 * @param records rows written to the file
 * @param bytes size of the file
 * @param firstTimestamp Kafka timestamp of the first record (epoch ms), or -1
 */
public record Batch(TableId table, TopicPartition partition, TableSchema schema, List<Column> stagedColumns,
        Path file, long firstOffset, long lastOffset, int records, long bytes, long firstTimestamp) {
}
