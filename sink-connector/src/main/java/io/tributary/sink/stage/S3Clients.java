package io.tributary.sink.stage;

import io.tributary.sink.WarehouseSinkConfig;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/** Builds the S3 client of the staging settings; the default AWS credential chain when no keys are set. */
public final class S3Clients {

    private S3Clients() {
    }

    public static S3Client create(WarehouseSinkConfig config) {
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.stagingRegion()))
                .forcePathStyle(config.stagingPathStyleAccess())
                .credentialsProvider(credentials(config))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD))
                .httpClientBuilder(UrlConnectionHttpClient.builder());
        String endpoint = config.stagingEndpoint();
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint.trim()));
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(WarehouseSinkConfig config) {
        String keyId = config.stagingAccessKeyId();
        if (keyId == null || keyId.isBlank()) {
            return DefaultCredentialsProvider.builder().build();
        }
        String secret = config.stagingSecretAccessKey() == null ? "" : config.stagingSecretAccessKey().value();
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(keyId, secret));
    }
}
