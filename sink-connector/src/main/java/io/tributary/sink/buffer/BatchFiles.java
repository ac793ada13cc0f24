package io.tributary.sink.buffer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the local files batches are written to; tests replace it to make the disk fail. */
@FunctionalInterface
public interface BatchFiles {

    BatchFiles LOCAL_DISK = Files::newOutputStream;

    OutputStream open(Path file) throws IOException;
}
