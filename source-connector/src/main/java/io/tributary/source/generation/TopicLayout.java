package io.tributary.source.generation;

/**
 * What end-of-snapshot markers need to know of a table's topic.
 *
 * @param exists whether the topic exists (a table that never sent a record has none yet)
 * @param partitions its partition count
 * @param cleanupPolicy its cleanup.policy (markers have a null key, which a compacted topic refuses)
 */
public record TopicLayout(boolean exists, int partitions, String cleanupPolicy) {

    public static TopicLayout missing() {
        return new TopicLayout(false, 0, null);
    }

    public boolean compacted() {
        return cleanupPolicy != null && cleanupPolicy.contains("compact");
    }

    /** Reads a topic's layout. */
    @FunctionalInterface
    public interface Reader {
        TopicLayout read(String topic) throws Exception;
    }
}
