package io.tributary.devstack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

/** Topics for tests and benchmarks that produce to them directly. */
public final class Topics {

    private static final Duration LEADERS_TIMEOUT = Duration.ofSeconds(30);

    private Topics() {
    }

    /**
     * Creates a topic (replication factor 1) and waits until every partition has a leader, so the
     * first produce requests find one: a producer with several requests in flight whose first request
     * meets NOT_LEADER_OR_FOLLOWER can lose it for good on brokers without the KAFKA-15591 fix.
     */
    public static void create(Admin admin, String topic, int partitions) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        long deadline = System.nanoTime() + LEADERS_TIMEOUT.toNanos();
        while (true) {
            try {
                TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
                if (description.partitions().size() == partitions
                        && description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                    return;
                }
            } catch (ExecutionException notYet) {
                // UnknownTopicOrPartition until the broker's metadata has the topic
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topic " + topic + " has partitions without a leader after "
                        + LEADERS_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(100);
        }
    }
}
