package io.tributary.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the build put the plugins; set by failsafe in e2e/pom.xml. */
final class E2eSettings {

    private E2eSettings() {
    }

    static String version() {
        return required("tributary.version");
    }

    /** The {@code *-plugin.zip} built by a connector module. */
    static Path pluginArchive(String artifactId) {
        Path zip = moduleTarget(artifactId).resolve(artifactId + "-" + version() + "-plugin.zip");
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException(zip + " is missing: run ./mvnw verify from the root");
        }
        return zip;
    }

    /** The folder the build exploded the plugin into (a plugin.path entry). */
    static Path explodedPluginParent(String artifactId) {
        return moduleTarget(artifactId).resolve(artifactId + "-" + version() + "-plugin");
    }

    /** The workers' plugin.path: the archives unpacked by the build, as an operator installs them. */
    static List<Path> pluginPath() {
        return List.of(Path.of(required("tributary.plugin.path")));
    }

    private static Path moduleTarget(String artifactId) {
        for (String dir : required("tributary.plugin.archives").split(",", -1)) {
            Path target = Path.of(dir.trim());
            if (target.getParent().getFileName().toString().equals(artifactId.replace("tributary-", ""))) {
                return target;
            }
        }
        throw new IllegalStateException("no build folder for " + artifactId + " in tributary.plugin.archives");
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the tests through Maven");
        }
        return value;
    }
}
