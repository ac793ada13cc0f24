package io.tributary.source.log;

import io.tributary.source.offsets.SourcePartitions;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * The offsets Debezium's reader sees: its one partition ({@code {"server": <topic.prefix>}}) is stored
 * under our log partition ({@code {"kind": "log", "server": ...}}), and read back from Connect's
 * committed offsets; before anything is committed, the initial offset (a binlog: the smallest log start
 * of the planned tables; a replication slot: none, the slot is the start).
 */
final class LogOffsetReader implements OffsetStorageReader {

    private final OffsetStorageReader connect;
    private final String server;
    private final Map<String, Object> initial;

    LogOffsetReader(OffsetStorageReader connect, String server, Map<String, Object> initial) {
        this.connect = connect;
        this.server = server;
        this.initial = initial;
    }

    @Override
    public <T> Map<String, Object> offset(Map<String, T> partition) {
        Map<String, Object> committed = connect.offset(SourcePartitions.log(server));
        return committed != null ? committed : initial;
    }

    @Override
    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> result = new HashMap<>();
        for (Map<String, T> partition : partitions) {
            result.put(partition, offset(partition));
        }
        return result;
    }
}
