package io.tributary.sink.stage;

import io.tributary.sink.buffer.Batch;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/** Uploads batch files to S3 under {@link StagingKeys}. */
public final class S3Stager implements Stager {

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public S3Stager(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    @Override
    public String key(Batch batch) {
        return StagingKeys.key(prefix, batch);
    }

    @Override
    public String stage(Batch batch) {
        String key = key(batch);
        s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentType("application/avro").build(),
                RequestBody.fromFile(batch.file()));
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void close() {
        s3.close();
    }
}
