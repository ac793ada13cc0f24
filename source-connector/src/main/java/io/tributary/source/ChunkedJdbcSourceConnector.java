package io.tributary.source;

import io.tributary.common.Version;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import io.tributary.source.dialect.SourceDialects;
import io.tributary.source.jdbc.JdbcConnections;
import io.tributary.source.metrics.SourceConnectorMetrics;
import io.tributary.source.work.TableMonitor;
import io.tributary.source.work.TaskAssignment;
import io.tributary.source.work.WorkDistributor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ConnectorTransactionBoundaries;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads relational tables into Kafka: a chunked, parallel, resumable snapshot, then cursor-based
 * incremental polling, with Connect offsets as the only checkpoints. See docs/source.md.
 *
 * <p>The connector plans tables and hands out work ({@link TableMonitor}, {@link WorkDistributor});
 * tasks read ({@link ChunkedJdbcSourceTask}).
 */
public class ChunkedJdbcSourceConnector extends SourceConnector {

    static final String TASK_ID = "task.id";
    private static final Logger LOG = LoggerFactory.getLogger(ChunkedJdbcSourceConnector.class);
    private static final long FIRST_PLAN_WAIT_MS = 5_000L;

    private Map<String, String> props;
    private ChunkedJdbcSourceConfig config;
    private TableMonitor monitor;
    private SourceConnectorMetrics metrics;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ChunkedJdbcSourceConfig(props);
        this.props = Map.copyOf(props);
        metrics = new SourceConnectorMetrics(props.getOrDefault("name", "tributary-source"));
        monitor = new TableMonitor(config, props.getOrDefault("name", "tributary-source"), SourceDialects.forUrl(config.connectionUrl()),
                new JdbcConnections(config), context().offsetStorageReader(), () -> context().requestTaskReconfiguration(), metrics,
                e -> context().raiseError(e));
        monitor.start();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ChunkedJdbcSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, TableMonitor.TableState> states;
        try {
            states = monitor.statesToAssign(FIRST_PLAN_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            states = null;
        }
        List<TaskAssignment> assignments = states == null
                ? Collections.nCopies(maxTasks, TaskAssignment.empty())
                : WorkDistributor.distribute(states.values(), maxTasks, config.logMode());
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_ID, Integer.toString(i));
            task.put(TaskAssignment.CONFIG_KEY, assignments.get(i).toJson());
            configs.add(task);
        }
        LOG.info("Assigned work to {} task(s){}", maxTasks, states == null ? " (tables still being planned)" : "");
        return configs;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.close();
            monitor = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
    }

    @Override
    public ConfigDef config() {
        return ChunkedJdbcSourceConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        new SourceConfigValidator(connectorConfigs, result).validate();
        return result;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    @Override
    public ConnectorTransactionBoundaries canDefineTransactionBoundaries(Map<String, String> connectorConfig) {
        return ConnectorTransactionBoundaries.SUPPORTED;
    }

    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        OffsetValidation.validate(offsets);
        return true;
    }
}
