package io.tributary.sink;

import io.tributary.common.Version;
import io.tributary.sink.destination.DestinationProvider;
import io.tributary.sink.destination.Destinations;
import io.tributary.sink.engine.TableRouter;
import io.tributary.sink.stage.StagingCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches records into Avro files on S3, loads them into a warehouse and merges them into final
 * tables, one row per key. How it writes: docs/sink.md.
 */
public class WarehouseSinkConnector extends SinkConnector {

    /** The task's id in the Connect REST API (0..tasks.max-1), added to each task's config; names its metrics. */
    public static final String TASK_ID = "task.id";

    /** The consumer setting that decides how soon topics.regex finds new topics; a connector cannot set it itself. */
    static final String METADATA_MAX_AGE_OVERRIDE = "consumer.override.metadata.max.age.ms";
    private static final Logger LOG = LoggerFactory.getLogger(WarehouseSinkConnector.class);

    private Map<String, String> props;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new WarehouseSinkConfig(props);
        this.props = Map.copyOf(props);
        String regex = props.get(SinkTask.TOPICS_REGEX_CONFIG);
        if (regex != null && !regex.isBlank() && !props.containsKey(METADATA_MAX_AGE_OVERRIDE)) {
            LOG.warn("{}: topics.regex is set without {}: a topic created after the sink started is found only at the consumer's next"
                    + " metadata refresh (metadata.max.age.ms, 5 minutes by default), and its records wait until then. Set {}=30000"
                    + " (the worker must allow it: connector.client.config.override.policy=All)", props.get("name"),
                    METADATA_MAX_AGE_OVERRIDE, METADATA_MAX_AGE_OVERRIDE);
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return WarehouseSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> tasks = new ArrayList<>();
        for (int i = 0; i < maxTasks; i++) {
            Map<String, String> task = new HashMap<>(props);
            task.put(TASK_ID, Integer.toString(i));
            tasks.add(task);
        }
        return tasks;
    }

    @Override
    public void stop() {
        props = null;
    }

    @Override
    public ConfigDef config() {
        return WarehouseSinkConfig.CONFIG_DEF;
    }

    /**
     * Field checks of the ConfigDef, then, when they pass: the destination is available, the
     * warehouse answers, and, where batches are uploaded (the destination loads them from S3, or
     * staging.s3.archive), the staging bucket exists and is accessible. Errors land on their field.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        config.configValues().forEach(v -> values.put(v.name(), v));
        checkTableNames(connectorConfigs, values);
        if (values.values().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        WarehouseSinkConfig parsed = new WarehouseSinkConfig(connectorConfigs);
        DestinationProvider provider = Destinations.of(parsed); // the field check admits only the providers found
        provider.validate(parsed, connectorConfigs).forEach((key, message) -> values.get(key).addErrorMessage(message));
        if (parsed.truncateMode() == TruncateMode.APPLY && !provider.appliesTruncates()) {
            values.get(WarehouseSinkConfig.TRUNCATE_MODE).addErrorMessage(unsupportedTruncates(provider.name()));
        }
        String staleRows = staleRowsProblem(parsed, provider, connectorConfigs);
        if (staleRows != null) {
            values.get(WarehouseSinkConfig.STALE_ROWS).addErrorMessage(staleRows);
        }
        if (parsed.stagingS3Archive() || provider.readsStagedObject(parsed)) {
            StagingCheck.check(parsed).forEach((key, message) -> values.get(key).addErrorMessage(message));
        }
        return config;
    }

    /** The reason {@code truncate.mode=apply} cannot be used with destination {@code name}. */
    static String unsupportedTruncates(String name) {
        String able = Destinations.all().stream().filter(DestinationProvider::appliesTruncates).map(DestinationProvider::name)
                .sorted().collect(Collectors.joining(", "));
        return "truncate.mode=apply is not supported by destination " + name + ": only " + able + " apply truncates; use"
                + " truncate.mode=skip";
    }

    /**
     * Why {@code stale.rows=delete} cannot be used with this configuration, or null when it can (or is
     * not asked for). {@code props} are the connector's settings, Connect's own ({@code errors.tolerance}) included.
     */
    static String staleRowsProblem(WarehouseSinkConfig config, DestinationProvider provider, Map<String, String> props) {
        if (config.staleRows() != StaleRows.DELETE) {
            return null;
        }
        if (!provider.deletesStaleRows()) {
            String able = Destinations.all().stream().filter(DestinationProvider::deletesStaleRows).map(DestinationProvider::name)
                    .sorted().collect(Collectors.joining(", "));
            return "stale.rows=delete is not supported by destination " + provider.name() + ": only " + able + " delete stale rows; use"
                    + " stale.rows=keep";
        }
        if (config.writeMode() != WriteMode.MERGE) {
            return "stale.rows=delete needs write.mode=merge: with write.mode=" + ConfigEnums.value(config.writeMode()) + " every version is"
                    + " a row of its own, so no row is stale; use stale.rows=keep";
        }
        if (config.deleteMode() == DeleteMode.NONE) {
            return "stale.rows=delete needs delete.mode=hard or delete.mode=soft: delete.mode=none ignores deletes, so stale rows would stay;"
                    + " set delete.mode, or stale.rows=keep";
        }
        if ("all".equalsIgnoreCase(props.getOrDefault("errors.tolerance", "none").trim())) {
            return "stale.rows=delete cannot be used with errors.tolerance=all: a re-snapshot's record that goes to the dead-letter queue"
                    + " leaves its row unmarked, and the stale delete would remove a row the source still has; set errors.tolerance=none,"
                    + " or stale.rows=keep";
        }
        return null;
    }

    /** With a list of topics: two that would share a table are an error on table.name.format. */
    private static void checkTableNames(Map<String, String> props, Map<String, ConfigValue> values) {
        ConfigValue format = values.get(WarehouseSinkConfig.TABLE_NAME_FORMAT);
        String topics = props.get(SinkConnector.TOPICS_CONFIG);
        if (format == null || !format.errorMessages().isEmpty() || !(format.value() instanceof String formatText)
                || topics == null || topics.isBlank()) {
            return;
        }
        Object schema = values.get(WarehouseSinkConfig.WAREHOUSE_SCHEMA).value();
        List<String> names = Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).distinct().toList();
        TableRouter.collision(schema == null ? "" : schema.toString(), formatText, names).ifPresent(format::addErrorMessage);
    }
}
