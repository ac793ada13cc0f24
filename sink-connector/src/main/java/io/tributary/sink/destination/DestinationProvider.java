package io.tributary.sink.destination;

import io.tributary.sink.WarehouseSinkConfig;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A destination, found by {@link ServiceLoader} under
 * {@code META-INF/services/io.tributary.sink.destination.DestinationProvider}. It owns everything that
 * is particular to its warehouse: its configuration keys, their validation, and the writer.
 */
public interface DestinationProvider {

    /** The value of {@code destination} that selects this provider (lower case). */
    String name();

    /** How the doc of {@code destination} lists this provider: its name, with a short note where one helps. */
    default String description() {
        return name();
    }

    /**
     * This destination's own keys, each with its group, validator and (optionally) recommender. The
     * sink adds them to its configuration, visible only when {@code destination} selects this provider
     * ({@link DestinationKeys}). A name must not clash with a shared key or another provider's.
     * Typed access to them lives next to the provider (a settings record built from the parsed config).
     */
    default ConfigDef configDef() {
        return new ConfigDef();
    }

    /**
     * Whether writers of this configuration read the uploaded object (COPY from S3, a load job from GCS,
     * or the objects are the output); if not, batches are uploaded only when {@code staging.s3.archive} asks.
     */
    default boolean readsStagedObject(WarehouseSinkConfig config) {
        return false;
    }

    /** A writer for one task; the task closes it. */
    DestinationWriter create(WarehouseSinkConfig config);

    /** Whether its writers apply truncates ({@code truncate.mode=apply}); false unless the destination says so. */
    default boolean appliesTruncates() {
        return false;
    }

    /** Whether its writers delete stale rows ({@code stale.rows=delete}, docs/sink.md); false unless the destination says so. */
    default boolean deletesStaleRows() {
        return false;
    }

    /**
     * Checks the destination's settings and that the warehouse answers.
     *
     * @param config the parsed configuration
     * @param props the raw properties (e.g. {@code tasks.max})
     * @return config key to error message; empty when all is well
     */
    Map<String, String> validate(WarehouseSinkConfig config, Map<String, String> props);
}
