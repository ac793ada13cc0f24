package io.tributary.sink.destination.sql;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A JDBC connection for unit tests of DDL: catalog queries (prepared statements) answer with fixed
 * columns, every plain statement is recorded instead of run. A column is given as {@code name}, or
 * {@code name:type} with its catalog type, or {@code name:type:NO} when it is NOT NULL.
 */
public final class RecordingConnection {

    public final List<String> executed = new ArrayList<>();
    private final List<String> existingColumns;

    /** @param existingColumns what {@code information_schema.columns} answers; empty: no table yet */
    public RecordingConnection(List<String> existingColumns) {
        this.existingColumns = List.copyOf(existingColumns);
    }

    public Connection connection() {
        return proxy(Connection.class, (name, args) -> switch (name) {
            case "createStatement" -> proxy(Statement.class, (m, a) -> {
                if (m.equals("execute")) {
                    executed.add((String) a[0]);
                    return false;
                }
                return null;
            });
            case "prepareStatement" -> proxy(PreparedStatement.class, (m, a) -> m.equals("executeQuery") ? rows((String) args[0]) : null);
            default -> null;
        });
    }

    private ResultSet rows(String sql) {
        List<String> answer = sql.contains("information_schema.columns") ? existingColumns : List.of("exists");
        Iterator<String> rows = answer.iterator();
        String[][] current = new String[1][];
        return proxy(ResultSet.class, (m, a) -> switch (m) {
            case "next" -> {
                boolean more = rows.hasNext();
                current[0] = more ? rows.next().split(":") : null;
                yield more;
            }
            case "getString" -> {
                int index = (Integer) a[0];
                String[] row = current[0];
                yield switch (index) {
                    case 1 -> row[0];
                    case 2 -> row.length > 1 ? row[1] : "unknown";
                    case 6 -> row.length > 2 ? row[2] : "YES";
                    default -> null;
                };
            }
            default -> null;
        });
    }

    private interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, Handler handler) {
        return (T) Proxy.newProxyInstance(RecordingConnection.class.getClassLoader(), new Class<?>[] {type},
                (p, method, args) -> {
                    Object result = handler.handle(method.getName(), args);
                    if (result == null && method.getReturnType() == boolean.class) {
                        return false;
                    }
                    return result;
                });
    }
}
