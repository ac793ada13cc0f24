package io.tributary.sink.destination.postgres;

import io.tributary.sink.buffer.AvroFiles;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/** Streams a staged Avro file into a table with {@code COPY ... FROM STDIN}, decoding it record by record. */
final class PostgresCopyLoader implements StagingLoader {

    @Override
    public long load(Connection connection, String table, Batch batch) throws Exception {
        List<Column> columns = batch.stagedColumns();
        String copy = "COPY \"" + table.replace("\"", "\"\"") + "\" ("
                + columns.stream().map(c -> "\"" + c.name().replace("\"", "\"\"") + "\"").collect(Collectors.joining(", "))
                + ") FROM STDIN";
        long rows = 0;
        PGConnection pg = connection.unwrap(PGConnection.class);
        StringBuilder line = new StringBuilder(1024);
        try (DataFileReader<GenericRecord> reader = AvroFiles.open(batch.file());
                Writer out = new OutputStreamWriter(new PGCopyOutputStream(pg, copy, 256 * 1024), StandardCharsets.UTF_8)) {
            GenericRecord record = null;
            while (reader.hasNext()) {
                record = reader.next(record);
                line.setLength(0);
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        line.append('\t');
                    }
                    PostgresText.append(line, columns.get(i), record.get(i));
                }
                line.append('\n');
                out.append(line);
                rows++;
            }
        }
        return rows;
    }
}
