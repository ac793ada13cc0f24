package io.tributary.sink.engine;

import io.tributary.sink.record.ChangeEvent;
import io.tributary.sink.record.UnconvertibleRecordException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Records the sink cannot write: sent to the dead-letter queue with the reason when the connector
 * tolerates errors, otherwise the task stops naming the record. Offsets of reported records are
 * committed only once the dead-letter queue has acknowledged them ({@link #awaitAcknowledged}).
 */
final class DeadLetters {

    private final ErrantRecordReporter reporter;
    private final List<Future<Void>> pending = new ArrayList<>();

    /** @param reporter the dead-letter queue, or null when a bad record must stop the task */
    DeadLetters(ErrantRecordReporter reporter) {
        this.reporter = reporter;
    }

    /** Reports the record, or throws when there is no dead-letter queue. */
    void reject(SinkRecord record, UnconvertibleRecordException e) {
        String reason = "Cannot write " + ChangeEvent.coordinates(record) + ": " + e.getMessage();
        if (reporter == null) {
            throw new ConnectException(reason + " (set errors.tolerance=all and errors.deadletterqueue.topic.name to send such"
                    + " records to a dead-letter queue)", e);
        }
        pending.add(reporter.report(record, new UnconvertibleRecordException(reason, e)));
    }

    /** Waits until every reported record is acknowledged; throws if one could not be sent. */
    void awaitAcknowledged() {
        try {
            for (Future<Void> report : pending) {
                report.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for the dead-letter queue", e);
        } catch (ExecutionException e) {
            throw new ConnectException("Could not send a record to the dead-letter queue: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pending.removeIf(Future::isDone);
        }
    }
}
