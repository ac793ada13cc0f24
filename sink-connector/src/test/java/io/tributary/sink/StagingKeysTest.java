package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.OffsetRange;
import io.tributary.sink.buffer.TestBatches;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import io.tributary.sink.stage.StagingKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StagingKeysTest {

    @Test
    void keysAreDeterministicAndLaidOutByTableAndDate() {
        Batch batch = TestBatches.of(new TableId("analytics", "orders"), "shop.public.orders", 3, 120, 249,
                new TableSchema(List.of()), List.of(), Path.of("/tmp/x.avro"), 1_700_000_000_000L);
        assertEquals("tributary/analytics.orders/2023/11/14/shop.public.orders+3+00000000000000000120-249.avro",
                StagingKeys.key("tributary", batch));
        assertEquals(StagingKeys.key("tributary", batch), StagingKeys.key("tributary", batch));
    }

    @Test
    void aBatchOfSeveralPartitionsNamesItsFirstRangeAndHashesAll() {
        TreeMap<Integer, OffsetRange> ranges = new TreeMap<>();
        ranges.put(1, new OffsetRange(40, 80));
        ranges.put(0, new OffsetRange(120, 249));
        Batch batch = new Batch(new TableId("analytics", "orders"), "shop.public.orders", ranges, new TableSchema(List.of()), List.of(),
                Path.of("/tmp/x.avro"), 172, 5000, 1_700_000_000_000L);
        String key = StagingKeys.key("", batch);
        assertTrue(key.matches("analytics\\.orders/2023/11/14/shop\\.public\\.orders\\+0\\+00000000000000000120-249\\+[0-9a-f]{12}\\.avro"), key);
        ranges.put(1, new OffsetRange(40, 81));
        Batch other = new Batch(batch.table(), batch.topic(), ranges, batch.schema(), List.of(), batch.file(), 173, 5000, batch.firstTimestamp());
        assertNotEquals(key, StagingKeys.key("", other), "other ranges, another object");
    }

    @Test
    void theLastOffsetOfAnObjectIsReadBackFromItsKey() {
        TableId table = new TableId("analytics", "orders");
        String start = StagingKeys.keyPrefix("tributary", table, "shop.public.orders", 3, 120, 1_700_000_000_000L);
        assertEquals("tributary/analytics.orders/2023/11/14/shop.public.orders+3+00000000000000000120-", start);
        assertEquals(OptionalLong.of(249), StagingKeys.lastOffset(start, start + "249.avro"));
        assertEquals(OptionalLong.empty(), StagingKeys.lastOffset(start, start + "249+abcdefabcdef.avro"));
        assertEquals(OptionalLong.empty(), StagingKeys.lastOffset(start, "tributary/other.avro"));
    }
}
