package io.tributary.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** log4j2 configuration of the child JVMs: everything to standard output, which goes to their log file. */
final class ChildLogging {

    private ChildLogging() {
    }

    /** Writes the configuration into {@code dir} and returns the JVM option that selects it. */
    static String configure(Path dir, String rootLevel) {
        Path file = dir.resolve("log4j2-" + rootLevel.toLowerCase(java.util.Locale.ROOT) + ".properties");
        String config = String.join("\n",
                "status = warn",
                "appender.out.type = Console",
                "appender.out.name = OUT",
                "appender.out.target = SYSTEM_OUT",
                "appender.out.layout.type = PatternLayout",
                "appender.out.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = " + rootLevel,
                "rootLogger.appenderRef.out.ref = OUT",
                quiet("clients", "org.apache.kafka.clients"),
                quiet("common", "org.apache.kafka.common"),
                quiet("kafka", "kafka"),
                quiet("statechange", "state.change.logger"),
                quiet("raft", "org.apache.kafka.raft"),
                quiet("jetty", "org.eclipse.jetty"),
                quiet("reflections", "org.reflections"),
                "");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "-Dlog4j2.configurationFile=" + file;
    }

    private static String quiet(String id, String logger) {
        return "logger." + id + ".name = " + logger + "\nlogger." + id + ".level = WARN";
    }
}
