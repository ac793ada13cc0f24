package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.schema.TableSchema;
import io.tributary.sink.stage.StagingKeys;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StagingKeysTest {

    @Test
    void keysAreDeterministicAndLaidOutByTableAndDate() {
        Batch batch = new Batch(new TableId("analytics", "orders"), new TopicPartition("shop.public.orders", 3),
                new TableSchema(List.of()), List.of(), Path.of("/tmp/x.avro"), 120, 249, 130, 5000, 1_700_000_000_000L);
        assertEquals("tributary/analytics.orders/2023/11/14/shop.public.orders+3+00000000000000000120-249.avro",
                StagingKeys.key("tributary", batch));
        assertEquals(StagingKeys.key("tributary", batch), StagingKeys.key("tributary", batch));
    }
}
