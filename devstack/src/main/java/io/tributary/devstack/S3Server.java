package io.tributary.devstack;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server (s3proxy) on 127.0.0.1 and a free port, keeping its objects in memory.
 *
 * <p>Requests must be signed (AWS signature V2 or V4) with {@link #accessKey()} and
 * {@link #secretKey()}; clients must use path-style addressing. The bucket {@link #bucket()} exists
 * from the start. Everything stored is lost on {@link #close()}.
 */
public final class S3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);
    private static final String ACCESS_KEY = "tributary";
    private static final String SECRET_KEY = "tributary-secret";
    private static final String REGION = "us-east-1";
    private static final String DEFAULT_BUCKET = "tributary";
    private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    private final S3Proxy proxy;
    private final BlobStore blobStore;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, BlobStore blobStore, URI endpoint) {
        this.proxy = proxy;
        this.blobStore = blobStore;
        this.endpoint = endpoint;
    }

    /**
     * Starts a server on a free port of 127.0.0.1 with an in-memory blob store and creates the
     * default bucket.
     *
     * @return the running server
     * @throws IllegalStateException if it cannot start
     */
    public static S3Server start() {
        long started = System.nanoTime();
        BlobStore blobStore = new TransientNio2BlobStore();
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            blobStore.close();
            throw new IllegalStateException("Could not start the S3 server", e);
        }
        S3Server server = new S3Server(proxy, blobStore, URI.create("http://127.0.0.1:" + proxy.getPort()));
        server.createBucket(DEFAULT_BUCKET);
        LOG.info("S3 server started at {} in {} ms", server.endpoint, (System.nanoTime() - started) / 1_000_000);
        return server;
    }

    /** @return the HTTP endpoint, e.g. {@code http://127.0.0.1:43121} */
    public URI endpoint() {
        return endpoint;
    }

    /** @return the access key id clients must sign with */
    public String accessKey() {
        return ACCESS_KEY;
    }

    /** @return the secret access key clients must sign with */
    public String secretKey() {
        return SECRET_KEY;
    }

    /** @return the region clients should name ({@code us-east-1}) */
    public String region() {
        return REGION;
    }

    /** @return the bucket created at start ({@code tributary}) */
    public String bucket() {
        return DEFAULT_BUCKET;
    }

    /**
     * The Tributary sink's staging settings for this server: {@code staging.s3.bucket}, {@code .prefix},
     * {@code .endpoint}, {@code .path.style.access}, {@code .access.key.id}, {@code .secret.access.key}.
     *
     * @param prefix the object key prefix of the staged batches
     * @return a new mutable map of those settings
     */
    public Map<String, String> sinkStagingConfig(String prefix) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("staging.s3.bucket", bucket());
        config.put("staging.s3.prefix", prefix);
        config.put("staging.s3.endpoint", endpoint().toString());
        config.put("staging.s3.path.style.access", "true");
        config.put("staging.s3.access.key.id", accessKey());
        config.put("staging.s3.secret.access.key", secretKey());
        return config;
    }

    /**
     * Creates a bucket; does nothing if it exists.
     *
     * @param name an S3 bucket name: 3 to 63 lower-case letters, digits, dots or hyphens
     * @throws IllegalArgumentException if the name is not a valid bucket name
     */
    public void createBucket(String name) {
        if (name == null || !BUCKET_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a valid S3 bucket name: " + name);
        }
        if (!blobStore.containerExists(name)) {
            blobStore.createContainer(name);
        }
    }

    /**
     * Builds an AWS SDK v2 client for this server: endpoint override, path-style access, the
     * server's static credentials and the URL-connection HTTP client. The caller closes it.
     *
     * @return a new client
     */
    public S3Client newClient() {
        return S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** Stops the server and drops everything it stored. */
    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the S3 server at " + endpoint, e);
        } finally {
            blobStore.close();
        }
        LOG.info("S3 server at {} stopped", endpoint);
    }
}
