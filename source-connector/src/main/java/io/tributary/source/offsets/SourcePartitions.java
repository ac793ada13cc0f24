package io.tributary.source.offsets;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * The Connect source partitions of this connector, plain JSON-able maps. Per table there is one
 * {@code plan} partition (the chunk boundaries and incremental start point, written once), one
 * {@code chunk} partition per snapshot chunk (last key read, done flag) and one {@code incremental}
 * partition (the cursor checkpoint), and one {@code generation} partition (the newest generation and
 * whether its end-of-snapshot markers were sent; a re-snapshot does not null it).
 */
public final class SourcePartitions {

    public static final String TABLE = "table";
    public static final String KIND = "kind";
    public static final String CHUNK = "chunk";

    public static final String KIND_PLAN = "plan";
    public static final String KIND_CHUNK = "chunk";
    public static final String KIND_INCREMENTAL = "incremental";
    public static final String KIND_LOG = "log";
    public static final String KIND_GENERATION = "generation";
    public static final String SERVER = "server";

    private SourcePartitions() {
    }

    public static Map<String, Object> plan(String table) {
        return partition(table, KIND_PLAN, null);
    }

    public static Map<String, Object> chunk(String table, int chunk) {
        return partition(table, KIND_CHUNK, Integer.toString(chunk));
    }

    public static Map<String, Object> incremental(String table) {
        return partition(table, KIND_INCREMENTAL, null);
    }

    public static Map<String, Object> generation(String table) {
        return partition(table, KIND_GENERATION, null);
    }

    /** The log stream's partition (log mode): the log reader's position, as Debezium's offset map. */
    public static Map<String, Object> log(String server) {
        Map<String, Object> partition = new HashMap<>();
        partition.put(KIND, KIND_LOG);
        partition.put(SERVER, server);
        return Collections.unmodifiableMap(partition);
    }

    /**
     * Connect stores a partition under its JSON bytes, so every writer and reader must produce the
     * same key order. Connect itself (the REST offsets API, its JSON converter) reads partitions back
     * into a {@link HashMap} and looks them up in that order, so ours are HashMaps too: their order
     * depends only on the keys, the same in every JVM. ({@code Map.of} iterates in an order that
     * differs between JVMs: a checkpoint written on one worker was not found on another.)
     */
    private static Map<String, Object> partition(String table, String kind, String chunk) {
        Map<String, Object> partition = new HashMap<>();
        partition.put(TABLE, table);
        partition.put(KIND, kind);
        if (chunk != null) {
            partition.put(CHUNK, chunk);
        }
        return Collections.unmodifiableMap(partition);
    }

    /** The table a partition belongs to, or null if the map is not one of ours. */
    public static String tableOf(Map<String, ?> partition) {
        Object table = partition.get(TABLE);
        return table instanceof String s ? s : null;
    }

    public static String kindOf(Map<String, ?> partition) {
        Object kind = partition.get(KIND);
        return kind instanceof String s ? s : null;
    }
}
