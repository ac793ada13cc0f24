package io.tributary.sink.engine;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/** What the engine may ask of the task's Kafka consumer (through Connect's SinkTaskContext). */
public interface ConsumerControl {

    Set<TopicPartition> assignment();

    /** Stop fetching these partitions until {@link #resume}; put() keeps being called, with no records. */
    void pause(Collection<TopicPartition> partitions);

    void resume(Collection<TopicPartition> partitions);

    /** Deliver these partitions again from these offsets. */
    void rewind(Map<TopicPartition, Long> offsets);
}
