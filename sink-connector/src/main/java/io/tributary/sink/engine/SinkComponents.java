package io.tributary.sink.engine;

import io.tributary.sink.WarehouseSinkConfig;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.buffer.BatchFiles;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.stage.S3Clients;
import io.tributary.sink.stage.S3Stager;
import io.tributary.sink.stage.Stager;
import io.tributary.sink.stage.StagingKeys;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Makes the task's collaborators. The defaults are the real ones; tests pass their own to wrap
 * them (fault injection) or to replace them with fakes.
 */
public interface SinkComponents {

    Stager stager(WarehouseSinkConfig config);

    DestinationWriter destination(WarehouseSinkConfig config);

    /** Whether batches are uploaded: the destination reads the staged object, or an archive is asked for. */
    default boolean upload(WarehouseSinkConfig config) {
        return config.stagingS3Archive() || Destinations.of(config).readsStagedObject(config);
    }

    default FlushHooks hooks() {
        return FlushHooks.NONE;
    }

    /** Where open batches are written: files on the local disk. */
    default BatchFiles batchFiles() {
        return BatchFiles.LOCAL_DISK;
    }

    default Clock clock() {
        return Clock.systemUTC();
    }

    default Retrier.Sleeper sleeper() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    /** The threads of the flush pipeline: {@code threads} daemon threads named after the task. */
    default ExecutorService flushExecutor(int threads, String name) {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** S3 staging and the destination named by {@code destination}, found by ServiceLoader. */
    static SinkComponents defaults() {
        return new SinkComponents() {
            @Override
            public Stager stager(WarehouseSinkConfig config) {
                String bucket = config.stagingBucket();
                if (bucket == null || bucket.isBlank()) {
                    return new Stager() {
                        @Override
                        public String key(Batch batch) {
                            return StagingKeys.key(config.stagingPrefix(), batch);
                        }

                        @Override
                        public String stage(Batch batch) {
                            throw new ConnectException("staging.s3.bucket is not set, and " + WarehouseSinkConfig.DESTINATION
                                    + " or staging.s3.archive needs the batches uploaded");
                        }

                        @Override
                        public void close() {
                        }
                    };
                }
                return new S3Stager(S3Clients.create(config), bucket, config.stagingPrefix());
            }

            @Override
            public DestinationWriter destination(WarehouseSinkConfig config) {
                return Destinations.of(config).create(config);
            }
        };
    }
}
