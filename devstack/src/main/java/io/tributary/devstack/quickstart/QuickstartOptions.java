package io.tributary.devstack.quickstart;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The quickstart's command-line flags. */
public record QuickstartOptions(long rows, int tasks, boolean keepData, Destination destination, boolean exitWhenSynced,
        int connectPort, int kafkaPort, Path workDir, List<Path> pluginPath, boolean log) {

    /** Where the sink writes. */
    public enum Destination {
        DUCKDB, POSTGRES;

        String configValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static final String USAGE = String.join("\n",
            "usage: ./quickstart.sh [--rows N] [--tasks N] [--log] [--destination duckdb|postgres] [--keep-data] [--exit-when-synced]",
            "  --rows N              rows of the largest table, shop.order_items (default 1000000)",
            "  --tasks N             tasks of the source connector: chunks read in parallel (default 2)",
            "  --log                 log mode: stream PostgreSQL's WAL after the snapshot (every insert, update and hard delete;",
            "                        one more task runs the stream) instead of polling by updated_at",
            "  --destination D       duckdb (default) or postgres (a database 'warehouse' on the same server)",
            "  --keep-data           keep the work folder (DuckDB file, logs) after Ctrl-C",
            "  --exit-when-synced    stop after the changes arrived and the tables were compared (exit code 0: equal)",
            "  --connect-port P      Connect REST port if free (default 8083; 0: any free port)",
            "  --kafka-port P        Kafka bootstrap port if free (default 9092; 0: any free port)",
            "  --work-dir DIR        where the warehouse and logs go (default .quickstart/)");

    /**
     * Parses flags; {@code --plugin-path a,b} is given by quickstart.sh.
     *
     * @throws IllegalArgumentException on an unknown flag or a bad value, with the usage
     */
    public static QuickstartOptions parse(String... args) {
        long rows = 1_000_000;
        int tasks = 2;
        boolean keepData = false;
        Destination destination = Destination.DUCKDB;
        boolean exitWhenSynced = false;
        boolean log = false;
        int connectPort = 8083;
        int kafkaPort = 9092;
        Path workDir = Path.of(".quickstart");
        List<Path> pluginPath = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--keep-data" -> keepData = true;
                case "--exit-when-synced" -> exitWhenSynced = true;
                case "--log" -> log = true;
                case "--rows" -> rows = Long.parseLong(value(args, ++i, flag).replace("_", ""));
                case "--tasks" -> tasks = Integer.parseInt(value(args, ++i, flag));
                case "--destination" -> destination = destination(value(args, ++i, flag));
                case "--connect-port" -> connectPort = Integer.parseInt(value(args, ++i, flag));
                case "--kafka-port" -> kafkaPort = Integer.parseInt(value(args, ++i, flag));
                case "--work-dir" -> workDir = Path.of(value(args, ++i, flag));
                case "--plugin-path" -> {
                    for (String p : value(args, ++i, flag).split(",", -1)) {
                        if (!p.isBlank()) {
                            pluginPath.add(Path.of(p.trim()).toAbsolutePath());
                        }
                    }
                }
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown flag " + flag + "\n" + USAGE);
            }
        }
        if (tasks < 1) {
            throw new IllegalArgumentException("--tasks must be at least 1\n" + USAGE);
        }
        if (pluginPath.isEmpty()) {
            throw new IllegalArgumentException("--plugin-path is missing: start the quickstart with ./quickstart.sh");
        }
        return new QuickstartOptions(rows, tasks, keepData, destination, exitWhenSynced, connectPort, kafkaPort,
                workDir.toAbsolutePath(), List.copyOf(pluginPath), log);
    }

    /** The source's tasks: the chunk readers, and in log mode one more for the stream. */
    public int sourceTasks() {
        return log ? tasks + 1 : tasks;
    }

    private static Destination destination(String value) {
        try {
            return Destination.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--destination must be duckdb or postgres, got " + value + "\n" + USAGE);
        }
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value\n" + USAGE);
        }
        return args[index];
    }
}
