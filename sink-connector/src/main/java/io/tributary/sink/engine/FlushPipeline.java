package io.tributary.sink.engine;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.metrics.TableMetrics;
import io.tributary.sink.stage.Stager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one finished batch through stage (S3 upload) and write (load + merge, one transaction),
 * each with bounded retries, and logs one INFO line for it.
 */
public final class FlushPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(FlushPipeline.class);

    private final Stager stager;
    private final DestinationWriter destination;
    private final Retrier retrier;
    private final FlushHooks hooks;

    public FlushPipeline(Stager stager, DestinationWriter destination, Retrier retrier, FlushHooks hooks) {
        this.stager = stager;
        this.destination = destination;
        this.retrier = retrier;
        this.hooks = hooks;
    }

    /** Returns once the batch is merged; throws a ConnectException if a step failed for good. */
    public void flush(Batch batch, TableMetrics metrics) {
        long started = System.nanoTime();
        String uri = retrier.call("stage " + describe(batch), () -> stager.stage(batch));
        long staged = System.nanoTime();
        metrics.flushed(batch.records());
        hooks.afterStage(batch, uri);
        StagedBatch stagedBatch = new StagedBatch(batch, uri);
        retrier.call("merge " + describe(batch) + " into " + batch.table(), () -> {
            destination.write(stagedBatch);
            return null;
        });
        long merged = System.nanoTime();
        long stageMs = (staged - started) / 1_000_000;
        long mergeMs = (merged - staged) / 1_000_000;
        metrics.merged(batch.records(), mergeMs);
        LOG.info("Flushed {}: {} records, {} bytes from {} offsets {}-{}; stage {} ms, merge {} ms",
                batch.table(), batch.records(), batch.bytes(), batch.partition(), batch.firstOffset(), batch.lastOffset(),
                stageMs, mergeMs);
        hooks.afterMerge(batch);
    }

    private static String describe(Batch batch) {
        return "batch " + batch.partition() + "@" + batch.firstOffset() + "-" + batch.lastOffset();
    }
}
