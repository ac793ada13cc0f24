package io.tributary.sink;

import io.tributary.common.Version;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

/**
 * Lifecycle adapter for one sink task. Skeleton: it accepts its configuration, and fails on the
 * first record rather than dropping it, so no offset is ever committed for data that was not
 * written. The batching, staging and merging engine arrives with the sink issue.
 */
public class WarehouseSinkTask extends SinkTask {

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new WarehouseSinkConfig(props);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        if (!records.isEmpty()) {
            SinkRecord first = records.iterator().next();
            throw new ConnectException("This build of the sink cannot write records yet; refusing "
                    + first.topic() + "-" + first.kafkaPartition() + "@" + first.kafkaOffset()
                    + " so that its offset is not committed");
        }
    }

    @Override
    public void stop() {
    }
}
