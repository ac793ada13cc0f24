package io.tributary.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates and deletes the temporary folders the parts keep their files in. */
public final class TempDirs {

    private TempDirs() {
    }

    /**
     * Creates a new empty folder under {@code java.io.tmpdir}.
     *
     * @param prefix the start of the folder name, e.g. {@code tributary-mariadb-}
     * @return the new folder
     * @throws UncheckedIOException if it cannot be created
     */
    public static Path create(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary folder", e);
        }
    }

    /**
     * Deletes a folder and everything in it; does nothing if it does not exist.
     *
     * @param directory the folder to delete
     * @throws UncheckedIOException if something in it cannot be deleted
     */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + directory, e);
        }
    }
}
