package io.tributary.sink.destination;

import io.tributary.sink.WarehouseSinkConfig;
import java.util.Map;

/**
 * A destination, found by {@link java.util.ServiceLoader} under
 * {@code META-INF/services/io.tributary.sink.destination.DestinationProvider}.
 */
public interface DestinationProvider {

    /** The value of {@code destination} that selects this provider, e.g. {@code postgres}. */
    String name();

    /**
     * Whether writers of this configuration read the uploaded object (COPY from S3, a load job from GCS,
     * or the objects are the output); if not, batches are uploaded only when {@code staging.s3.archive} asks.
     */
    default boolean readsStagedObject(WarehouseSinkConfig config) {
        return false;
    }

    /** A writer for one task; the task closes it. */
    DestinationWriter create(WarehouseSinkConfig config);

    /**
     * Checks the destination's settings and that the warehouse answers.
     *
     * @param config the parsed configuration
     * @param props the raw properties (e.g. {@code tasks.max})
     * @return config key to error message; empty when all is well
     */
    Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props);
}
