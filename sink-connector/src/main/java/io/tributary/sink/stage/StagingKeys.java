package io.tributary.sink.stage;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.OffsetRange;
import io.tributary.sink.schema.TableId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Object keys of staged batches, deterministic from the batch: table, date of the first record
 * (Kafka timestamp, UTC), topic, and the offsets covered. A batch of one partition is
 * {@code <prefix>/<schema>.<table>/<yyyy>/<MM>/<dd>/<topic>+<partition>+<first>-<last>.avro}, the first
 * offset zero-padded so keys sort in offset order; a batch of several partitions names its first
 * partition's range and adds a hash of all ranges ({@code ...+<first>-<last>+<hash>.avro}). A replay of
 * the same records, cut the same way, writes the same key.
 */
public final class StagingKeys {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy/MM/dd").withZone(ZoneOffset.UTC);

    private StagingKeys() {
    }

    public static String key(String prefix, Batch batch) {
        OffsetRange first = batch.firstRange();
        String name = partitionPrefix(batch.topic(), batch.firstPartition(), first.first()) + first.last();
        if (batch.ranges().size() > 1) {
            name += "+" + hash(batch.ranges());
        }
        return folder(prefix, batch.table(), batch.firstTimestamp()) + name + ".avro";
    }

    /**
     * The start of the key of every single-partition batch of {@code table} whose first record is at
     * {@code firstOffset} of {@code topic}-{@code partition} with Kafka timestamp {@code timestampMs}.
     */
    public static String keyPrefix(String prefix, TableId table, String topic, int partition, long firstOffset, long timestampMs) {
        return folder(prefix, table, timestampMs) + partitionPrefix(topic, partition, firstOffset);
    }

    /** The last offset named by a single-partition key that starts with {@code keyPrefix}; empty for other keys. */
    public static OptionalLong lastOffset(String keyPrefix, String key) {
        if (!key.startsWith(keyPrefix) || !key.endsWith(".avro")) {
            return OptionalLong.empty();
        }
        String last = key.substring(keyPrefix.length(), key.length() - ".avro".length());
        if (last.isEmpty() || !last.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(last));
    }

    private static String folder(String prefix, TableId table, long timestampMs) {
        String day = DAY.format(Instant.ofEpochMilli(Math.max(0, timestampMs)));
        String path = table.schema() + "." + table.table() + "/" + day + "/";
        return prefix == null || prefix.isEmpty() ? path : prefix + "/" + path;
    }

    private static String partitionPrefix(String topic, int partition, long firstOffset) {
        return topic + "+" + partition + "+" + String.format("%020d", firstOffset) + "-";
    }

    private static String hash(Map<Integer, OffsetRange> ranges) {
        StringBuilder text = new StringBuilder();
        ranges.forEach((partition, range) -> text.append(partition).append(':').append(range).append(';'));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
