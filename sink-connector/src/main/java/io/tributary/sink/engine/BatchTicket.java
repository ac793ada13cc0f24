package io.tributary.sink.engine;

/**
 * Whether a batch's records are safely in the destination. Set by the flush pipeline's threads, read
 * by the task thread when it computes the offsets it may commit.
 */
final class BatchTicket {

    /** A ticket for records that need nothing more (skipped, or already written by an earlier run). */
    static final BatchTicket DONE = done();

    private volatile boolean done;

    void complete() {
        done = true;
    }

    boolean isDone() {
        return done;
    }

    private static BatchTicket done() {
        BatchTicket ticket = new BatchTicket();
        ticket.complete();
        return ticket;
    }
}
