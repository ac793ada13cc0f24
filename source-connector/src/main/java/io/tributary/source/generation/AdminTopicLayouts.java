package io.tributary.source.generation;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Reads a topic's partition count and cleanup.policy with a short-lived Admin client on
 * kafka.bootstrap.servers (and the kafka.admin.* settings): a source task cannot see them otherwise.
 */
public final class AdminTopicLayouts implements TopicLayout.Reader {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> properties;

    public AdminTopicLayouts(Map<String, Object> properties) {
        this.properties = Map.copyOf(properties);
    }

    @Override
    public TopicLayout read(String topic) throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, Object> props = new HashMap<>(properties);
        props.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "tributary-source-markers");
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        props.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis() / 2);
        Admin admin = Admin.create(props);
        try {
            TopicDescription description;
            try {
                description = admin.describeTopics(List.of(topic)).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                        .get(topic);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                    return TopicLayout.missing();
                }
                throw e;
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(resource);
            ConfigEntry policy = config == null ? null : config.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            return new TopicLayout(true, description.partitions().size(), policy == null ? null : policy.value());
        } finally {
            admin.close(Duration.ofSeconds(5));
        }
    }
}
