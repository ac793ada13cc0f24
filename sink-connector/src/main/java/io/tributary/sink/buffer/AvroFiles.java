package io.tributary.sink.buffer;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** Opens staged Avro files for reading, record by record (never all at once). */
public final class AvroFiles {

    private AvroFiles() {
    }

    public static DataFileReader<GenericRecord> open(Path file) throws IOException {
        return new DataFileReader<>(file.toFile(), new GenericDatumReader<>());
    }
}
