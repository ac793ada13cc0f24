package io.tributary.sink;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** Just enough of a worker's context for a task in a test: a dead-letter queue that records what it is sent. */
final class RecordingContext implements SinkTaskContext {

    /** A record sent to the dead-letter queue, with its reason. */
    record DeadLetter(SinkRecord record, Throwable reason) {
    }

    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    List<SinkRecord> reported() {
        return deadLetters.stream().map(DeadLetter::record).toList();
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return (record, error) -> {
            deadLetters.add(new DeadLetter(record, error));
            Future<Void> done = CompletableFuture.completedFuture(null);
            return done;
        };
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
    }

    @Override
    public void timeout(long timeoutMs) {
    }

    @Override
    public Set<TopicPartition> assignment() {
        return Set.of();
    }

    @Override
    public void pause(TopicPartition... partitions) {
    }

    @Override
    public void resume(TopicPartition... partitions) {
    }

    @Override
    public void requestCommit() {
    }

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return null;
    }
}
