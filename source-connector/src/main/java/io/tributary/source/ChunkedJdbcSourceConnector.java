package io.tributary.source;

import io.tributary.common.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Reads relational tables into Kafka: a chunked, parallel, resumable snapshot, then cursor-based
 * incremental polling. See DESIGN.md (Source).
 *
 * <p>Skeleton: configuration and task distribution only; planning and reading arrive with the
 * source issue.
 */
public class ChunkedJdbcSourceConnector extends SourceConnector {

    static final String TASK_ID = "task.id";

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new ChunkedJdbcSourceConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ChunkedJdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_ID, Integer.toString(i));
            configs.add(task);
        }
        return configs;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return ChunkedJdbcSourceConfig.CONFIG_DEF;
    }
}
