package io.tributary.sink.engine;

/**
 * Pauses the task's consumer while more finished batches wait for the flush pipeline than it writes at
 * once, and resumes it when they drain: put() keeps being called (with no records), so poll() stays
 * within max.poll.interval.ms however slow the warehouse.
 */
final class Backpressure {

    private final ConsumerControl consumer;
    private final int maxInFlight;
    private boolean paused;

    Backpressure(ConsumerControl consumer, int maxInFlight) {
        this.consumer = consumer;
        this.maxInFlight = maxInFlight;
    }

    /** @param pending batches submitted to the pipeline and not yet written */
    void update(int pending) {
        boolean busy = pending > maxInFlight;
        if (busy && !paused) {
            consumer.pause(consumer.assignment());
            paused = true;
        } else if (!busy && paused) {
            consumer.resume(consumer.assignment());
            paused = false;
        }
    }
}
