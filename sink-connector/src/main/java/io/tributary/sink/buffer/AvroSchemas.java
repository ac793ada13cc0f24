package io.tributary.sink.buffer;

import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.TableId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * The Avro schema of a staged file: one nullable field per column, in order, data columns then
 * metadata columns. Field names are the column names when Avro allows them, else {@code f<index>};
 * the real name is always in the field property {@value #COLUMN_PROPERTY}.
 */
public final class AvroSchemas {

    public static final String COLUMN_PROPERTY = "tributary.column";
    private static final Pattern AVRO_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private AvroSchemas() {
    }

    public static Schema of(TableId table, List<Column> columns) {
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("Row")
                .namespace("io.tributary.staged." + sanitize(table.schema()) + "." + sanitize(table.table()))
                .fields();
        List<String> used = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            String name = AVRO_NAME.matcher(column.name()).matches() && !used.contains(column.name()) ? column.name() : "f" + i;
            used.add(name);
            fields = fields.name(name).prop(COLUMN_PROPERTY, column.name()).type(nullable(type(column))).withDefault(null);
        }
        return fields.endRecord();
    }

    static Schema nullable(Schema schema) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
    }

    static Schema type(Column column) {
        return switch (column.kind()) {
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case INT16, INT32 -> Schema.create(Schema.Type.INT);
            case INT64 -> Schema.create(Schema.Type.LONG);
            case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
            case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
            case DECIMAL -> {
                int scale = column.type().scale();
                int precision = Math.max(column.type().precision() > 0 ? column.type().precision() : 38, Math.max(scale, 1));
                yield LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
            }
            case VARIABLE_DECIMAL, STRING, JSON, DURATION -> Schema.create(Schema.Type.STRING);
            case UUID -> LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case DATE -> LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case TIME -> LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case TIMESTAMP -> LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case TIMESTAMPTZ -> LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case ARRAY -> Schema.createArray(nullable(type(column.element())));
        };
    }

    private static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_]", "_");
        return s.isEmpty() || Character.isDigit(s.charAt(0)) ? "_" + s : s;
    }
}
