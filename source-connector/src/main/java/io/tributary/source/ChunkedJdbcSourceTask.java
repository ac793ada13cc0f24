package io.tributary.source;

import io.tributary.common.Version;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;

/**
 * Lifecycle adapter for one source task. Skeleton: it validates its configuration and idles at the
 * poll interval, producing nothing; the chunk reader and poller arrive with the source issue.
 */
public class ChunkedJdbcSourceTask extends SourceTask {

    private volatile ChunkedJdbcSourceConfig config;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new ChunkedJdbcSourceConfig(props);
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Thread.sleep(Math.min(config.pollIntervalMs(), 1_000L));
        return null;
    }

    @Override
    public void stop() {
    }
}
