package io.tributary.sink.destination.duckdb;

import io.tributary.sink.buffer.AvroFiles;
import io.tributary.sink.buffer.Batch;
import io.tributary.sink.destination.sql.StagingLoader;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ColumnType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericRecord;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** Streams a staged Avro file into a temporary table with DuckDB's Appender, decoding it record by record. */
final class DuckDbAppenderLoader implements StagingLoader {

    @Override
    public long load(Connection connection, String table, Batch batch) throws Exception {
        List<Column> columns = batch.stagedColumns();
        long rows = 0;
        try (DataFileReader<GenericRecord> reader = AvroFiles.open(batch.file());
                DuckDBAppender appender = connection.unwrap(DuckDBConnection.class).createAppender("temp", "main", table)) {
            GenericRecord record = null;
            while (reader.hasNext()) {
                record = reader.next(record);
                appender.beginRow();
                for (int i = 0; i < columns.size(); i++) {
                    append(appender, columns.get(i), record.get(i));
                }
                appender.endRow();
                rows++;
            }
            appender.flush();
        }
        for (Column column : columns) {
            if (column.kind() == ColumnType.Kind.DURATION) {
                // staged as text (the Appender has no INTERVAL); the final table's type from here on
                try (Statement statement = connection.createStatement()) {
                    statement.execute("ALTER TABLE " + quote(table) + " ALTER " + quote(column.name()) + " TYPE INTERVAL");
                }
            }
        }
        return rows;
    }

    private static void append(DuckDBAppender appender, Column column, Object value) throws SQLException {
        if (value == null) {
            appender.appendNull();
            return;
        }
        switch (column.kind()) {
            case BOOLEAN -> appender.append((boolean) (Boolean) value);
            case INT16 -> appender.append((short) (int) (Integer) value);
            case INT32 -> appender.append((int) (Integer) value);
            case INT64 -> appender.append((long) (Long) value);
            case FLOAT32 -> appender.append((float) (Float) value);
            case FLOAT64 -> appender.append((double) (Double) value);
            case DECIMAL -> {
                BigDecimal decimal = new BigDecimal(new BigInteger(bytes((ByteBuffer) value)), column.type().scale());
                if (DuckDbDialect.exactDecimal(column)) {
                    appender.append(decimal);
                } else {
                    appender.append(decimal.toPlainString());
                }
            }
            case VARIABLE_DECIMAL, STRING, JSON, DURATION -> appender.append(value.toString());
            case UUID -> appender.append(UUID.fromString(value.toString()));
            case BYTES -> appender.append(bytes((ByteBuffer) value));
            case DATE -> appender.appendEpochDays((Integer) value);
            case TIME -> appender.appendDayMicros((Long) value);
            // DuckDB's -infinity is -(2^63 - 1); Long.MIN_VALUE would be a date 290309 years BC
            case TIMESTAMP, TIMESTAMPTZ -> appender.appendEpochMicros((Long) value == Long.MIN_VALUE ? -Long.MAX_VALUE : (Long) value);
            case ARRAY -> appender.append(elements((List<?>) value));
        }
    }

    private static List<Object> elements(List<?> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Object value : values) {
            out.add(value instanceof CharSequence text ? text.toString() : value);
        }
        return out;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
