package io.tributary.sink.record;

import io.tributary.common.RecordHeaders;
import io.tributary.sink.schema.Column;
import io.tributary.sink.schema.ConnectTypes;
import io.tributary.sink.schema.TableSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record into a {@link ChangeEvent}. Understands three shapes, tried in this order:
 * <ul>
 *   <li>Tributary source records: a struct value with the {@code tributary.op} header (and
 *       {@code tributary.position}); {@code op=d}, a soft delete seen by the source, is a delete. The
 *       header decides, whatever the value's columns are called;</li>
 *   <li>Debezium envelopes: a schema named {@code *.Envelope} with a struct {@code source} and
 *       {@code before}, {@code after}, {@code op}: {@code op=d} is a delete, the position is the LSN or
 *       binlog position; message events are skipped, truncates too unless they are applied;</li>
 *   <li>plain structs, ordered by Kafka offset.</li>
 * </ul>
 * Our source's re-snapshot records: the header {@code tributary.generation} (on every record) becomes
 * {@link ChangeEvent#generation}; {@code op=k} (a key mark) is an event of its own op; {@code op=e} with
 * a null value is the end of a generation ({@link ChangeEvent#snapshotEnd(SinkRecord, SnapshotEnd)}).
 *
 * <p>A record with a null value (tombstone) is a delete of its key, with the position of its
 * {@code tributary.position} header if it has one (our log mode's deletes); without one it only wins
 * over versions before it in Kafka order that also have no position (Debezium emits it after the
 * {@code op=d} event, which did the delete).
 *
 * <p>Values an update left out are not data ({@link ChangeEvent#unchanged}): the fields our source
 * lists in the {@code tributary.unchanged} header, and those holding Debezium's placeholder
 * ({@link Placeholder}). An insert or a snapshot read ({@code op} c or r) carries every value, so one
 * that leaves values out cannot be written.
 */
public final class RecordNormalizer {

    private static final int SCHEMA_CACHE_LIMIT = 1000;

    private final List<String> keyFields;
    private final boolean keyRequired;
    private final Placeholder placeholder;
    private final boolean applyTruncates;
    private final IdentityHashMap<Schema, IdentityHashMap<Schema, TableSchema>> schemas = new IdentityHashMap<>();

    /**
     * @param keyFields value fields that form the key; empty: the record key struct is the key
     * @param keyRequired whether a row key is needed (merge mode)
     */
    public RecordNormalizer(List<String> keyFields, boolean keyRequired) {
        this(keyFields, keyRequired, new Placeholder(Placeholder.DEBEZIUM_DEFAULT));
    }

    /**
     * @param keyFields value fields that form the key; empty: the record key struct is the key
     * @param keyRequired whether a row key is needed (merge mode)
     * @param placeholder what Debezium sends for values an update left out
     */
    public RecordNormalizer(List<String> keyFields, boolean keyRequired, Placeholder placeholder) {
        this(keyFields, keyRequired, placeholder, false);
    }

    /**
     * @param keyFields value fields that form the key; empty: the record key struct is the key
     * @param keyRequired whether a row key is needed (merge mode)
     * @param placeholder what Debezium sends for values an update left out
     * @param applyTruncates whether truncates become events ({@link ChangeEvent#truncate}); else they are skipped
     */
    public RecordNormalizer(List<String> keyFields, boolean keyRequired, Placeholder placeholder, boolean applyTruncates) {
        this.keyFields = List.copyOf(keyFields);
        this.keyRequired = keyRequired;
        this.placeholder = placeholder;
        this.applyTruncates = applyTruncates;
    }

    /**
     * @return the event, or null for a record that changes nothing (Debezium truncate or message events)
     * @throws UnconvertibleRecordException with the reason, when the record cannot become a row
     */
    public ChangeEvent normalize(SinkRecord record) {
        try {
            return convert(record);
        } catch (UnconvertibleRecordException e) {
            throw e;
        } catch (DataException | ClassCastException e) {
            throw new UnconvertibleRecordException(e.getMessage(), e);
        }
    }

    private ChangeEvent convert(SinkRecord record) {
        Object value = record.value();
        // a truncate or the end of a generation names no row: it has no key to check
        if (value == null && RecordHeaders.OP_TRUNCATE.equals(HeaderValues.text(record, RecordHeaders.OP))) {
            return applyTruncates ? ChangeEvent.truncate(record, HeaderValues.number(record, RecordHeaders.POSITION)) : null;
        }
        if (value == null && RecordHeaders.OP_SNAPSHOT_END.equals(HeaderValues.text(record, RecordHeaders.OP))) {
            return ChangeEvent.snapshotEnd(record, GenerationHeaders.snapshotEnd(record));
        }
        if (value instanceof Struct envelope && DebeziumEnvelope.isEnvelope(envelope.schema()) && "t".equals(envelope.getString("op"))) {
            return applyTruncates ? ChangeEvent.truncate(record, DebeziumEnvelope.position(envelope.getStruct("source"))) : null;
        }
        Struct key = keyStruct(record);
        if (value == null) {
            if (key == null) {
                // A tombstone that names no row (no key struct, or key.fields that only the value
                // carries): Debezium sends one after every delete event, which already did the work.
                return null;
            }
            return new ChangeEvent(record, ChangeEvent.DELETE_OP, true, HeaderValues.number(record, RecordHeaders.POSITION),
                    schema(key.schema(), null), key, null, Set.of(), GenerationHeaders.generation(record), null);
        }
        if (!(value instanceof Struct struct)) {
            throw new UnconvertibleRecordException("value is a " + value.getClass().getSimpleName()
                    + ", not a struct: use a converter with schemas (e.g. JsonConverter with schemas.enable=true)");
        }
        String op = HeaderValues.text(record, RecordHeaders.OP);
        if (op == null && DebeziumEnvelope.isEnvelope(struct.schema())) {
            return debezium(record, key, struct);
        }
        if (op == null) {
            op = "u";
        }
        boolean delete = RecordHeaders.OP_DELETE.equals(op);
        TableSchema schema = schema(keySchema(key), struct.schema());
        return new ChangeEvent(record, op, delete, HeaderValues.number(record, RecordHeaders.POSITION), schema, key, struct,
                delete ? Set.of() : unchanged(record, op, schema, struct), GenerationHeaders.generation(record), null);
    }

    private ChangeEvent debezium(SinkRecord record, Struct key, Struct envelope) {
        String op = envelope.getString("op");
        Long position = DebeziumEnvelope.position(envelope.getStruct("source"));
        Schema rowSchema = envelope.schema().field("after").schema();
        switch (op) {
            case "c", "u", "r" -> {
                Struct after = envelope.getStruct("after");
                if (after == null) {
                    throw new UnconvertibleRecordException("Debezium op=" + op + " without an 'after' row");
                }
                TableSchema schema = schema(keySchema(key), rowSchema);
                return new ChangeEvent(record, op, false, position, schema, key, after, unchanged(record, op, schema, after));
            }
            case "d" -> {
                Struct before = envelope.getStruct("before");
                return new ChangeEvent(record, op, true, position, schema(keySchema(key), rowSchema), key, before);
            }
            case "t" -> {
                return applyTruncates ? ChangeEvent.truncate(record, position) : null;
            }
            case "m" -> {
                return null;
            }
            default -> throw new UnconvertibleRecordException("unknown Debezium op '" + op + "'");
        }
    }

    /**
     * The fields the change left out: named by the {@code tributary.unchanged} header, or holding
     * Debezium's placeholder.
     */
    private Set<String> unchanged(SinkRecord record, String op, TableSchema schema, Struct row) {
        // for every record: the set is made only when a value was left out
        Set<String> names = null;
        Header header = record.headers().lastWithName(RecordHeaders.UNCHANGED);
        if (header != null && header.value() != null) {
            names = new LinkedHashSet<>();
            for (String name : HeaderNames.parse(RecordHeaders.UNCHANGED, header.value())) {
                if (row.schema().field(name) == null) {
                    throw new UnconvertibleRecordException("header " + RecordHeaders.UNCHANGED + " names '" + name
                            + "', which is not a field of the value");
                }
                names.add(name);
            }
        }
        for (Field field : row.schema().fields()) {
            if (placeholder.matches(row.get(field))) {
                names = names == null ? new LinkedHashSet<>() : names;
                names.add(field.name());
            }
        }
        if (names == null || names.isEmpty()) {
            return Set.of();
        }
        for (String name : names) {
            Column column = schema.column(name);
            if (column != null && column.key()) {
                throw new UnconvertibleRecordException("key column " + name + " is marked unchanged (" + how() + ")");
            }
        }
        if (RecordHeaders.OP_INSERT.equals(op) || RecordHeaders.OP_READ.equals(op)) {
            throw new UnconvertibleRecordException("op=" + op + " (" + (RecordHeaders.OP_INSERT.equals(op) ? "an insert" : "a snapshot read")
                    + ") leaves the values of " + String.join(", ", names) + " unchanged (" + how() + "); an insert or read carries"
                    + " every value, so there is no stored value to keep");
        }
        return names;
    }

    private static String how() {
        return "Debezium's unavailable-value placeholder, or the header " + RecordHeaders.UNCHANGED;
    }

    private Struct keyStruct(SinkRecord record) {
        if (!keyFields.isEmpty()) {
            return null;
        }
        if (record.key() instanceof Struct struct) {
            return struct;
        }
        if (keyRequired) {
            throw new UnconvertibleRecordException(record.key() == null
                    ? "record has no key; merge mode needs a key struct, or key.fields"
                    : "key is a " + record.key().getClass().getSimpleName() + ", not a struct of key columns; set key.fields");
        }
        return null;
    }

    private static Schema keySchema(Struct key) {
        return key == null ? null : key.schema();
    }

    private TableSchema schema(Schema keySchema, Schema rowSchema) {
        IdentityHashMap<Schema, TableSchema> byRow = schemas.computeIfAbsent(keySchema == null ? Schema.OPTIONAL_STRING_SCHEMA : keySchema,
                k -> new IdentityHashMap<>());
        Schema rowKey = rowSchema == null ? Schema.OPTIONAL_BOOLEAN_SCHEMA : rowSchema;
        TableSchema cached = byRow.get(rowKey);
        if (cached == null) {
            if (schemas.size() > SCHEMA_CACHE_LIMIT || byRow.size() > SCHEMA_CACHE_LIMIT) {
                schemas.clear();
            }
            cached = build(keySchema, rowSchema);
            schemas.computeIfAbsent(keySchema == null ? Schema.OPTIONAL_STRING_SCHEMA : keySchema,
                    k -> new IdentityHashMap<>()).put(rowKey, cached);
        }
        return cached;
    }

    private TableSchema build(Schema keySchema, Schema rowSchema) {
        if (rowSchema != null && rowSchema.type() != Schema.Type.STRUCT) {
            throw new UnconvertibleRecordException("row schema is " + rowSchema.type() + ", not a struct");
        }
        Set<String> keyNames = new HashSet<>(keyFields);
        List<Column> columns = new ArrayList<>();
        if (keySchema != null) {
            for (Field field : keySchema.fields()) {
                keyNames.add(field.name());
                if (rowSchema == null || rowSchema.field(field.name()) == null) {
                    columns.add(ConnectTypes.column(field.name(), field.schema(), true));
                }
            }
        }
        if (rowSchema != null) {
            for (Field field : rowSchema.fields()) {
                columns.add(ConnectTypes.column(field.name(), field.schema(), keyNames.contains(field.name())));
            }
        }
        for (String name : keyFields) {
            if (rowSchema == null || rowSchema.field(name) == null) {
                throw new UnconvertibleRecordException("key field '" + name + "' (key.fields) is not in the value");
            }
        }
        return new TableSchema(columns);
    }
}
