package io.tributary.devstack.dist;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The classpath of the Kafka broker and Connect worker processes, as resolved by the build. */
public final class KafkaDist {

    private static final String CLASSPATH_RESOURCE = "kafka-dist.classpath";

    private KafkaDist() {
    }

    /**
     * Jars and folders for a child JVM: this module's own location (for {@link ChildMain}) followed
     * by every runtime jar of Kafka, Connect and log4j2.
     */
    public static List<Path> classpath() {
        List<Path> entries = new ArrayList<>();
        entries.add(ownLocation());
        for (String entry : readResource().trim().split(java.io.File.pathSeparator, -1)) {
            if (entry.isBlank()) {
                continue;
            }
            Path jar = Path.of(entry);
            if (!Files.exists(jar)) {
                throw new IllegalStateException("Kafka runtime jar " + jar + " is missing; rebuild with ./mvnw -B install -DskipTests");
            }
            entries.add(jar);
        }
        return entries;
    }

    public static String classpathString() {
        List<String> parts = new ArrayList<>();
        for (Path p : classpath()) {
            parts.add(p.toString());
        }
        return String.join(java.io.File.pathSeparator, parts);
    }

    private static Path ownLocation() {
        try {
            return Path.of(KafkaDist.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the kafka-dist jar", e);
        }
    }

    private static String readResource() {
        try (InputStream in = KafkaDist.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " is missing from the kafka-dist jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
