package io.tributary.sink.stage;

import io.tributary.sink.buffer.Batch;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Object keys of staged batches, deterministic from the batch: table, date of the first record
 * (Kafka timestamp, UTC), topic, partition and first–last offset:
 * {@code <prefix>/<schema>.<table>/<yyyy>/<MM>/<dd>/<topic>+<partition>+<first>-<last>.avro}, the first offset
 * zero-padded so keys sort in offset order. A replay of the same records writes the same key.
 */
public final class StagingKeys {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private StagingKeys() {
    }

    public static String key(String prefix, Batch batch) {
        String day = DAY.format(Instant.ofEpochMilli(Math.max(0, batch.firstTimestamp())));
        String name = batch.partition().topic() + "+" + batch.partition().partition() + "+"
                + String.format("%020d", batch.firstOffset()) + "-" + batch.lastOffset() + ".avro";
        String path = batch.table().schema() + "." + batch.table().table() + "/" + day + "/" + name;
        return prefix == null || prefix.isEmpty() ? path : prefix + "/" + path;
    }
}
