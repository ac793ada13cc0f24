package io.tributary.sink.engine;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.stage.S3Clients;
import io.tributary.sink.stage.S3Stager;
import io.tributary.sink.stage.Stager;
import java.time.Clock;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Makes the task's collaborators. The defaults are the real ones; tests pass their own to wrap
 * them (fault injection) or to replace them with fakes.
 */
public interface SinkComponents {

    Stager stager(WarehouseSinkConfig config);

    DestinationWriter destination(WarehouseSinkConfig config);

    default FlushHooks hooks() {
        return FlushHooks.NONE;
    }

    default Clock clock() {
        return Clock.systemUTC();
    }

    default Retrier.Sleeper sleeper() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    /** S3 staging and the destination named by {@code destination}, found by ServiceLoader. */
    static SinkComponents defaults() {
        return new SinkComponents() {
            @Override
            public Stager stager(WarehouseSinkConfig config) {
                return new S3Stager(S3Clients.create(config), config.stagingBucket(), config.stagingPrefix());
            }

            @Override
            public DestinationWriter destination(WarehouseSinkConfig config) {
                String name = config.getString(WarehouseSinkConfig.DESTINATION);
                DestinationProvider provider = Destinations.find(name)
                        .orElseThrow(() -> new ConnectException("destination '" + name + "' is not available in this build"));
                return provider.create(config);
            }
        };
    }
}
