package io.tributary.devstack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tributary.devstack.junit.DevStackTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

@DevStackTest
class S3ServerIT {

    private final S3Server s3;

    S3ServerIT(S3Server s3) {
        this.s3 = s3;
    }

    @Test
    void putGetAndListAnObject() {
        byte[] content = "id,name\n1,alpha\n".getBytes(StandardCharsets.UTF_8);
        try (S3Client client = s3.newClient()) {
            client.putObject(b -> b.bucket(s3.bucket()).key("put-get/orders/part-0.csv"), RequestBody.fromBytes(content));

            byte[] read = client.getObjectAsBytes(b -> b.bucket(s3.bucket()).key("put-get/orders/part-0.csv")).asByteArray();
            List<String> keys = client.listObjectsV2(b -> b.bucket(s3.bucket()).prefix("put-get/orders/"))
                    .contents().stream().map(S3Object::key).toList();

            assertArrayEquals(content, read);
            assertEquals(List.of("put-get/orders/part-0.csv"), keys);
        }
    }

    @Test
    void multipartUploadOfMoreThanFiveMebibytesRoundTrips() {
        String bucket = "multipart-" + Long.toHexString(System.nanoTime());
        s3.createBucket(bucket);
        byte[] content = new byte[6 * 1024 * 1024 + 123];
        new Random(42).nextBytes(content);
        int partSize = 5 * 1024 * 1024;
        try (S3Client client = s3.newClient()) {
            String uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key("big.bin")).uploadId();
            List<CompletedPart> parts = new ArrayList<>();
            for (int offset = 0, number = 1; offset < content.length; offset += partSize, number++) {
                int length = Math.min(partSize, content.length - offset);
                int partNumber = number;
                String etag = client.uploadPart(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId).partNumber(partNumber),
                        RequestBody.fromBytes(java.util.Arrays.copyOfRange(content, offset, offset + length))).eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            client.completeMultipartUpload(b -> b.bucket(bucket).key("big.bin").uploadId(uploadId)
                    .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));

            byte[] read = client.getObjectAsBytes(b -> b.bucket(bucket).key("big.bin")).asByteArray();

            assertEquals(2, parts.size());
            assertArrayEquals(content, read);
        }
    }

    @Test
    void aClientWithAWrongSecretIsRejected() {
        try (S3Client client = S3Client.builder()
                .endpointOverride(s3.endpoint())
                .forcePathStyle(true)
                .region(Region.of(s3.region()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKey(), "wrong-secret")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            S3Exception rejected = assertThrows(S3Exception.class,
                    () -> client.listObjectsV2(b -> b.bucket(s3.bucket())));

            assertEquals(403, rejected.statusCode());
        }
    }
}
