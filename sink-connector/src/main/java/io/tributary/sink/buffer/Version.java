package io.tributary.sink.buffer;

/**
 * One version's place in the order of versions: a higher position is newer; equal (or unknown, the
 * lowest) positions are ordered by Kafka partition, then offset, as the merge orders them.
 *
 * @param position the source position, or null when unknown
 * @param topic the Kafka topic
 * @param partition the Kafka partition
 * @param offset the Kafka offset
 */
public record Version(Long position, String topic, int partition, long offset) {

    /** Whether this version is newer than {@code other}. */
    public boolean newerThan(Version other) {
        long mine = position == null ? Long.MIN_VALUE : position;
        long theirs = other.position == null ? Long.MIN_VALUE : other.position;
        if (mine != theirs) {
            return mine > theirs;
        }
        if (partition != other.partition) {
            return partition > other.partition;
        }
        return offset > other.offset;
    }
}
