package io.tributary.sink.destination.s3;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.stage.S3Clients;
import io.tributary.sink.stage.StagingKeys;
import java.util.OptionalLong;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The writer of {@code destination=s3}: the upload is the write. Batches hold one partition each, and
 * before a batch starts it looks for an object an earlier run wrote from the same offset (a crash after
 * the upload, before the offset commit): the replay then skips those records rather than writing an
 * object that overlaps it with a different cut. Earlier runs' objects are contiguous per partition, so
 * one listing per batch start finds them, and the first miss ends the search.
 */
final class S3ObjectsWriter implements DestinationWriter {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    S3ObjectsWriter(WarehouseSinkConfig config) {
        this.s3 = S3Clients.create(config);
        this.bucket = config.stagingBucket();
        this.prefix = config.stagingPrefix();
    }

    @Override
    public Outcome write(StagedBatch batch) {
        if (!batch.uploaded()) {
            throw new IllegalStateException("destination s3 writes by uploading, but " + batch.key() + " was not uploaded");
        }
        return Outcome.MERGED;
    }

    @Override
    public boolean batchPerPartition() {
        return true;
    }

    @Override
    public OptionalLong alreadyWritten(TableId table, String topic, int partition, long firstOffset, long timestampMs) {
        String start = StagingKeys.keyPrefix(prefix, table, topic, partition, firstOffset, timestampMs);
        OptionalLong last = OptionalLong.empty();
        for (S3Object object : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(start).build()).contents()) {
            OptionalLong found = StagingKeys.lastOffset(start, object.key());
            if (found.isPresent() && (last.isEmpty() || found.getAsLong() > last.getAsLong())) {
                last = found;
            }
        }
        return last;
    }

    @Override
    public void close() {
        s3.close();
    }
}
