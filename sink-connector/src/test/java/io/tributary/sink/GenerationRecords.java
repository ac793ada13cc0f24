package io.tributary.sink;

import io.tributary.common.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/** Our source's re-snapshot records (docs/record-contract.md), for tests: rows of a generation, key marks, ends of generations. */
final class GenerationRecords {

    private GenerationRecords() {
    }

    /** A row of the items table ({@link TestRecords#ours}) read or written under generation {@code generation}. */
    static SinkRecord row(String topic, int partition, long offset, long id, String name, long position, String op, long generation) {
        SinkRecord record = TestRecords.ours(topic, partition, offset, id, name, position, op);
        record.headers().addLong(RecordHeaders.GENERATION, generation);
        return record;
    }

    /** A key mark of a keys-only refresh: the value has only the key set, no position. */
    static SinkRecord keyMark(String topic, int partition, long offset, long id, long generation) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, RecordHeaders.OP_KEY_MARK);
        headers.addString(RecordHeaders.TABLE, "public.items");
        headers.addLong(RecordHeaders.GENERATION, generation);
        Struct value = new Struct(TestRecords.VALUE).put("id", id);
        return new SinkRecord(topic, partition, TestRecords.KEY, TestRecords.key(id), TestRecords.VALUE, value, offset, 1_700_000_000_000L,
                TimestampType.CREATE_TIME, headers);
    }

    /** The end of generation {@code generation} in one partition of a topic of {@code partitions}; {@code start} null: no start point. */
    static SinkRecord end(String topic, int partition, long offset, long generation, Long start, int partitions, String mode) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(RecordHeaders.OP, RecordHeaders.OP_SNAPSHOT_END);
        headers.addString(RecordHeaders.TABLE, "public.items");
        headers.addLong(RecordHeaders.GENERATION, generation);
        if (start != null) {
            headers.addLong(RecordHeaders.GENERATION_START, start);
        }
        headers.addInt(RecordHeaders.GENERATION_PARTITIONS, partitions);
        headers.addString(RecordHeaders.GENERATION_MODE, mode);
        return new SinkRecord(topic, partition, null, null, null, null, offset, 1_700_000_000_000L, TimestampType.CREATE_TIME, headers);
    }
}
