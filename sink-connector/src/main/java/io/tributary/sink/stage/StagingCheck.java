package io.tributary.sink.stage;

import io.tributary.sink.WarehouseSinkConfig;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** Checks, for {@code validate()}, that the staging bucket exists and these credentials may use it. */
public final class StagingCheck {

    private StagingCheck() {
    }

    /** @return config key to error message; empty when the bucket answers */
    public static Map<String, String> check(WarehouseSinkConfig config) {
        Map<String, String> errors = new HashMap<>();
        String bucket = config.stagingBucket();
        if (bucket == null || bucket.isBlank()) {
            errors.put(WarehouseSinkConfig.STAGING_S3_BUCKET, "a staging bucket is required: batches are staged as Avro files on S3");
            return errors;
        }
        try (S3Client s3 = S3Clients.create(config)) {
            s3.headBucket(HeadBucketRequest.builder().bucket(bucket).build());
        } catch (S3Exception e) {
            String reason = switch (e.statusCode()) {
                case 404 -> "bucket " + bucket + " does not exist";
                case 403 -> "access denied to bucket " + bucket + " with these credentials";
                case 301 -> "bucket " + bucket + " is in another region than " + config.stagingRegion();
                default -> "bucket " + bucket + " answered HTTP " + e.statusCode();
            };
            errors.put(WarehouseSinkConfig.STAGING_S3_BUCKET, reason);
        } catch (SdkException | IllegalArgumentException e) {
            errors.put(config.stagingEndpoint() == null ? WarehouseSinkConfig.STAGING_S3_BUCKET : WarehouseSinkConfig.STAGING_S3_ENDPOINT,
                    "cannot reach S3: " + e.getMessage());
        }
        return errors;
    }
}
