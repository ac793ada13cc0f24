package io.tributary.sink.destination.sql;

import io.tributary.sink.schema.TableId;

/** How a SQL warehouse spells names and temporary tables: all {@link MergeSql} needs. */
public interface SqlText {

    default String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    default String table(TableId id) {
        return quote(id.schema()) + "." + quote(id.table());
    }

    /** Whether the text {@code text} (an SQL expression) holds {@code literal} (an SQL string literal). */
    default String contains(String text, String literal) {
        return "POSITION(" + literal + " IN " + text + ") > 0";
    }

    /** A temporary table filled by a query. */
    default String createTempTableAs(String name, String select) {
        return "CREATE TEMPORARY TABLE " + quote(name) + " AS " + select;
    }
}
