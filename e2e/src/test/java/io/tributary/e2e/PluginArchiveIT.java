package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The plugin archives as users download them: Confluent Hub layout, no jars the worker provides. */
class PluginArchiveIT {

    /** Jars every Connect worker has; a plugin that ships its own copy breaks class loading. */
    private static final List<String> WORKER_PROVIDED = List.of("kafka-clients-", "connect-api-", "connect-runtime-",
            "connect-json-", "connect-transforms-", "slf4j-api-", "kafka_2.13-");

    @ParameterizedTest
    @ValueSource(strings = {"tributary-source-connector", "tributary-sink-connector"})
    void archiveHasHubLayoutAndNoWorkerJars(String artifactId) throws IOException {
        String version = E2eSettings.version();
        String root = artifactId + "-" + version + "/";
        Path zip = E2eSettings.pluginArchive(artifactId);

        List<String> entries = new ArrayList<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : Collections.list(archive.entries())) {
                entries.add(entry.getName());
            }
            ZipEntry manifestEntry = archive.getEntry(root + "manifest.json");
            assertTrue(manifestEntry != null, "manifest.json missing in " + zip + ": " + entries);
            try (InputStream in = archive.getInputStream(manifestEntry)) {
                JsonNode manifest = new ObjectMapper().readTree(in);
                assertEquals(artifactId, manifest.path("name").asText());
                assertEquals(version, manifest.path("version").asText());
            }
        }

        for (String entry : entries) {
            assertTrue(entry.startsWith(root), entry + " is outside the archive's root folder " + root);
            String file = entry.substring(entry.lastIndexOf('/') + 1);
            for (String provided : WORKER_PROVIDED) {
                assertFalse(file.startsWith(provided), zip + " ships " + entry + ", which the worker provides");
            }
        }
        assertTrue(entries.contains(root + "lib/" + artifactId + "-" + version + ".jar"), "connector jar missing: " + entries);
        assertTrue(entries.contains(root + "lib/tributary-common-" + version + ".jar"), "common jar missing: " + entries);
        assertTrue(entries.contains(root + "doc/README.md"), "doc/README.md missing: " + entries);
        assertTrue(entries.contains(root + "doc/LICENSE"), "doc/LICENSE missing: " + entries);
        assertTrue(entries.stream().anyMatch(e -> e.startsWith(root + "etc/") && e.endsWith(".properties")),
                "no example config in etc/: " + entries);

        assertEquals(new TreeSet<>(files(entries)), new TreeSet<>(explodedFiles(artifactId)),
                "the exploded plugin folder differs from the zip");
    }

    private static List<String> files(List<String> entries) {
        return entries.stream().filter(e -> !e.endsWith("/")).toList();
    }

    private static List<String> explodedFiles(String artifactId) throws IOException {
        Path folder = E2eSettings.explodedPluginParent(artifactId);
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> folder.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }
}
