package io.tributary.sink.buffer;

/**
 * An end-of-snapshot marker a batch carries: the generation of its table that ended, and the Kafka
 * partition (and offset) it came through.
 *
 * @param generation the generation that ended
 * @param start its start point (a position), or null when the table has none
 * @param partitions the topic's partition count: the generation is complete once a marker of each partition is recorded
 * @param mode {@code full} or {@code keys}
 * @param topic the Kafka topic of the marker
 * @param partition its Kafka partition
 * @param offset its Kafka offset
 */
public record GenerationEnd(long generation, Long start, int partitions, String mode, String topic, int partition, long offset) {
}
