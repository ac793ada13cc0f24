package io.tributary.source.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.common.RecordHeaders;
import io.tributary.source.schema.RowConverter;
import java.nio.ByteBuffer;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

/** What the log stream tests share: polling for changes, reading headers, comparing log rows with chunk rows. */
final class LogTestRecords {

    private LogTestRecords() {
    }

    /** Polls until {@code count} change records arrived (ledger records aside). */
    static List<SourceRecord> changes(LogStream stream, int count) throws Exception {
        List<SourceRecord> changes = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (changes.size() < count && System.nanoTime() < deadline) {
            for (SourceRecord record : stream.poll()) {
                if (!record.topic().startsWith("__tributary_ledger")) {
                    changes.add(record);
                }
            }
        }
        assertEquals(count, changes.size(), "changes: " + changes);
        return changes;
    }

    static String header(SourceRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : (String) header.value();
    }

    static long position(SourceRecord record) {
        return (Long) record.headers().lastWithName(RecordHeaders.POSITION).value();
    }

    /** Each change's value equals the row a chunk reads from {@code rs} (same order), field by field and in schema. */
    static void assertSameAsChunkRows(List<SourceRecord> changes, RowConverter converter, ResultSet rs) throws Exception {
        for (SourceRecord change : changes) {
            assertTrue(rs.next());
            Struct chunkRow = converter.value(converter.read(rs));
            Struct logRow = (Struct) change.value();
            for (Field field : chunkRow.schema().fields()) {
                Object expected = chunkRow.get(field);
                Object actual = logRow.get(field.name());
                assertEquals(expected instanceof byte[] b ? ByteBuffer.wrap(b) : expected,
                        actual instanceof byte[] b ? ByteBuffer.wrap(b) : actual, "row " + chunkRow.get("id") + ", " + field.name());
            }
            assertEquals(chunkRow.schema(), logRow.schema(), "one value schema per topic");
        }
    }
}
