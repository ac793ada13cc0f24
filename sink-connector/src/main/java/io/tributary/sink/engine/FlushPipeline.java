package io.tributary.sink.engine;

import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.DestinationWriter;
import io.tributary.sink.destination.StagedBatch;
import io.tributary.sink.metrics.SinkMetrics;
import io.tributary.sink.metrics.TableMetrics;
import io.tributary.sink.schema.TableId;
import io.tributary.sink.stage.Stager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves finished batches through stage (S3 upload) and write (load and merge) on background threads,
 * so the task keeps converting records meanwhile. Batches of one table go one after the other, in the
 * order they were submitted; batches of different tables run side by side, as many as the executor has
 * threads. Each step has bounded retries; the first failure that remains is kept, every later batch is
 * abandoned, and the task fails with that failure ({@link #failure()}). One INFO line per batch.
 */
public final class FlushPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(FlushPipeline.class);

    private final Stager stager;
    private final DestinationWriter destination;
    private final Retrier retrier;
    private final FlushHooks hooks;
    private final SinkMetrics metrics;
    private final ExecutorService executor;
    private final boolean upload;
    private final Map<TableId, CompletableFuture<Void>> tails = new HashMap<>();
    private final Map<TableId, List<BatchTicket>> deferred = new HashMap<>();
    private final Map<TableId, Boolean> deferredMergeQueued = new HashMap<>();
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicReference<ConnectException> failure = new AtomicReference<>();

    /**
     * @param upload whether batches are uploaded: the destination reads the staged object, or the user
     *        keeps an archive ({@code staging.s3.archive})
     */
    public FlushPipeline(Stager stager, DestinationWriter destination, Retrier retrier, FlushHooks hooks, SinkMetrics metrics,
            ExecutorService executor, boolean upload) {
        this.stager = stager;
        this.destination = destination;
        this.retrier = retrier;
        this.hooks = hooks;
        this.metrics = metrics;
        this.executor = executor;
        this.upload = upload;
    }

    /** Queues a batch; {@code ticket} completes once its records are in the final table. */
    public synchronized void submit(Batch batch, BatchTicket ticket) {
        pending.incrementAndGet();
        chain(batch.table(), () -> {
            try {
                process(batch, ticket);
            } finally {
                pending.decrementAndGet();
                batch.deleteFile();
            }
        }, () -> {
            pending.decrementAndGet();
            batch.deleteFile();
        });
    }

    /** Asks each table with deferred batches to merge them when due (or now, with {@code force}). */
    public synchronized void mergeDeferred(boolean force) {
        for (TableId table : new ArrayList<>(deferred.keySet())) {
            if (deferred.get(table).isEmpty() || Boolean.TRUE.equals(deferredMergeQueued.get(table))) {
                continue;
            }
            deferredMergeQueued.put(table, true);
            chain(table, () -> {
                try {
                    boolean merged = retrier.call("merge the deferred batches of " + table,
                            () -> destination.mergeDeferred(table, force));
                    if (merged) {
                        completeDeferred(table);
                    }
                } finally {
                    synchronized (this) {
                        deferredMergeQueued.put(table, false);
                    }
                }
            }, () -> { });
        }
    }

    /** Batches submitted and not yet written (queued or running); deferred batches are not counted. */
    public int pending() {
        return pending.get();
    }

    /** The failure that stopped the pipeline, or null. */
    public ConnectException failure() {
        return failure.get();
    }

    /** Stops: waits up to {@code waitMs} for running writes (they are idempotent), then interrupts them. */
    public void shutdown(long waitMs) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(waitMs, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /** Runs {@code work} after the table's previous work, unless the pipeline has failed ({@code abandon} then). */
    private void chain(TableId table, Runnable work, Runnable abandon) {
        CompletableFuture<Void> previous = tails.getOrDefault(table, CompletableFuture.completedFuture(null));
        CompletableFuture<Void> next = previous.handleAsync((ignored, error) -> {
            if (failure.get() != null) {
                abandon.run();
                return null;
            }
            try {
                work.run();
            } catch (RuntimeException e) {
                ConnectException reason = e instanceof ConnectException c ? c : new ConnectException(e.getMessage(), e);
                if (failure.compareAndSet(null, reason)) {
                    LOG.error("Writing to {} failed; the task stops and commits nothing past it: {}", table, e.getMessage());
                }
            }
            return null;
        }, executor);
        tails.put(table, next);
    }

    private void process(Batch batch, BatchTicket ticket) {
        long started = System.nanoTime();
        TableMetrics tableMetrics = metrics.table(batch.table());
        String key = stager.key(batch);
        String uri = upload ? retrier.call("stage " + batch.describe(), () -> stager.stage(batch)) : null;
        long staged = System.nanoTime();
        tableMetrics.flushed(batch.records());
        hooks.afterStage(batch, uri);
        StagedBatch stagedBatch = new StagedBatch(batch, key, uri);
        DestinationWriter.Outcome outcome = retrier.call("write " + batch.describe() + " into " + batch.table(),
                () -> destination.write(stagedBatch));
        long written = System.nanoTime();
        long stageMs = (staged - started) / 1_000_000;
        long writeMs = (written - staged) / 1_000_000;
        if (outcome == DestinationWriter.Outcome.MERGED) {
            tableMetrics.merged(batch.records(), writeMs);
            completeDeferred(batch.table());
            hooks.afterMerge(batch);
            ticket.complete();
        } else {
            synchronized (this) {
                deferred.computeIfAbsent(batch.table(), t -> new ArrayList<>()).add(ticket);
            }
        }
        LOG.info("Flushed {}: {} records, {} bytes from {}; stage {} ms, {} {} ms", batch.table(), batch.records(), batch.bytes(),
                batch.describe(), stageMs, outcome == DestinationWriter.Outcome.MERGED ? "merge" : "load (merge deferred)", writeMs);
    }

    private synchronized void completeDeferred(TableId table) {
        List<BatchTicket> tickets = deferred.remove(table);
        if (tickets != null) {
            tickets.forEach(BatchTicket::complete);
        }
    }
}
