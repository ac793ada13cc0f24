package io.tributary.source.dialect.postgres;

import io.tributary.source.schema.BaseMapping;
import io.tributary.source.schema.ColumnInfo;
import io.tributary.source.schema.ColumnMapping;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * PostgreSQL one-dimensional arrays ({@code _int4}, {@code _text}, {@code _numeric}, ...) as a Connect
 * ARRAY of the element's own (optional) schema. Each element is read through the element's mapping
 * from {@link Array#getResultSet()}, so elements are exactly as a column of that type would be; NULL
 * elements stay null and an empty array is an empty list. Arrays cannot be keys or cursors.
 * Multi-dimensional values fail with the column's name unless the element maps to text.
 */
final class ArrayMapping extends BaseMapping {

    private final ColumnMapping element;

    ArrayMapping(ColumnInfo column, ColumnMapping element) {
        super(column);
        this.element = element;
    }

    @Override
    protected SchemaBuilder builder() {
        return SchemaBuilder.array(element.schema(true));
    }

    @Override
    public String keyProblem() {
        return "an array has no offset value to resume from";
    }

    @Override
    public Object read(ResultSet rs, int index) throws SQLException {
        Array array = rs.getArray(index);
        if (array == null) {
            return null;
        }
        try (ResultSet elements = array.getResultSet()) {
            List<Object> values = new ArrayList<>();
            while (elements.next()) {
                values.add(element.read(elements, 2)); // column 1 is the element's index
            }
            return values;
        } catch (SQLException e) {
            if (e.getSQLState() == null || !e.getSQLState().startsWith("22")) {
                throw e; // not a data problem: let the caller retry or fail
            }
            throw elementError(e);
        } catch (RuntimeException e) {
            throw elementError(e);
        } finally {
            array.free();
        }
    }

    private RuntimeException elementError(Exception e) {
        return error("cannot read array elements as " + element.column().typeName()
                + " (multi-dimensional arrays are not supported): " + e.getMessage(), e);
    }
}
