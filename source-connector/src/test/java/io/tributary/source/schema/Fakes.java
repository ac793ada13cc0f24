package io.tributary.source.schema;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.Map;

/** A one-row {@link ResultSet} and a recording {@link PreparedStatement}, without a database. */
final class Fakes {

    private Fakes() {
    }

    /** @param values the row, column 1 first, as the driver would hand them out of getObject */
    static ResultSet row(Object... values) {
        Object[] last = new Object[1];
        return (ResultSet) Proxy.newProxyInstance(Fakes.class.getClassLoader(), new Class<?>[] {ResultSet.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("wasNull")) {
                        return last[0] == null;
                    }
                    Object v = values[(Integer) args[0] - 1];
                    last[0] = v;
                    switch (method.getName()) {
                        case "getObject": return v;
                        case "getString": return v == null ? null : v.toString();
                        case "getLong": return v == null ? 0L : ((Number) v).longValue();
                        case "getInt": return v == null ? 0 : ((Number) v).intValue();
                        case "getShort": return v == null ? (short) 0 : ((Number) v).shortValue();
                        case "getFloat": return v == null ? 0f : ((Number) v).floatValue();
                        case "getDouble": return v == null ? 0d : ((Number) v).doubleValue();
                        case "getBoolean": return v != null && (Boolean) v;
                        case "getBytes": return v;
                        case "getBigDecimal": return v == null ? null : new BigDecimal(v.toString());
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** Records what each parameter was bound to. */
    static final class Bound {
        final Map<Integer, Object> values = new HashMap<>();
        final Map<Integer, String> setters = new HashMap<>();
        final PreparedStatement statement = (PreparedStatement) Proxy.newProxyInstance(Fakes.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                    if (!method.getName().startsWith("set") || args.length < 2 || !(args[0] instanceof Integer)) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    setters.put((Integer) args[0], method.getName());
                    values.put((Integer) args[0], method.getName().equals("setNull") ? null : args[1]);
                    return null;
                });
    }
}
