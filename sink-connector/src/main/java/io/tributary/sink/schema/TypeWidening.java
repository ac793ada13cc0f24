package io.tributary.sink.schema;

import io.tributary.sink.schema.ColumnType.Kind;

/**
 * Whether a stored column holds the values of an incoming column type, and if not, the widest-needed
 * type that holds both (the lossless widenings: smallint → integer → bigint, integer → decimal,
 * decimal precision and scale up, real → double, varchar(n) → wider or unbounded, date → timestamp,
 * timestamp → timestamptz). Never narrows: a stored type wider than the incoming one stays.
 */
public final class TypeWidening {

    /** What a stored column needs for an incoming type. */
    public enum Need {
        /** The stored type holds every value of the incoming one. */
        NOTHING,
        /** The stored type must become {@link Result#target}. */
        WIDEN,
        /** Not a widening the sink knows (another kind of change): left as it is, the warehouse decides. */
        UNRELATED
    }

    /**
     * @param need what the stored column needs
     * @param target with {@link Need#WIDEN}: the type that holds the stored and the incoming values
     */
    public record Result(Need need, ColumnType target) {
        static final Result NOTHING = new Result(Need.NOTHING, null);
        static final Result UNRELATED = new Result(Need.UNRELATED, null);

        static Result widen(ColumnType target) {
            return new Result(Need.WIDEN, target);
        }
    }

    private TypeWidening() {
    }

    /** What a column stored as {@code stored} needs to take values of {@code incoming}. */
    public static Result of(ColumnType stored, ColumnType incoming) {
        if (stored.equals(incoming)) {
            return Result.NOTHING;
        }
        Kind s = stored.kind();
        Kind i = incoming.kind();
        if (integerDigits(s) > 0 && integerDigits(i) > 0) {
            return integerDigits(i) <= integerDigits(s) ? Result.NOTHING : Result.widen(incoming);
        }
        if (isNumeric(s) && isNumeric(i) && (s == Kind.DECIMAL || i == Kind.DECIMAL)) {
            return decimal(stored, incoming);
        }
        if (s == Kind.FLOAT32 && i == Kind.FLOAT64) {
            return Result.widen(incoming);
        }
        if (s == Kind.FLOAT64 && i == Kind.FLOAT32) {
            return Result.NOTHING;
        }
        if (s == Kind.STRING && i == Kind.STRING) {
            if (stored.length() == 0 || (incoming.length() > 0 && incoming.length() <= stored.length())) {
                return Result.NOTHING;
            }
            return Result.widen(incoming);
        }
        int sRank = timeRank(s);
        int iRank = timeRank(i);
        if (sRank > 0 && iRank > 0) {
            return iRank <= sRank ? Result.NOTHING : Result.widen(incoming);
        }
        return Result.UNRELATED;
    }

    /** Decimal with decimal or an integer: enough digits before and after the point for both; precision 0 is unbounded. */
    private static Result decimal(ColumnType stored, ColumnType incoming) {
        if (stored.kind() == Kind.DECIMAL && stored.precision() == 0) {
            return Result.NOTHING;
        }
        if (incoming.kind() == Kind.DECIMAL && incoming.precision() == 0) {
            return Result.widen(incoming);
        }
        if (stored.kind() != Kind.DECIMAL && incoming.scale() == 0 && whole(incoming) < whole(stored)) {
            return Result.NOTHING; // an integer column holds every whole number of fewer digits
        }
        int scale = Math.max(scale(stored), scale(incoming));
        int whole = Math.max(whole(stored), whole(incoming));
        ColumnType target = ColumnType.decimal(whole + scale, scale);
        if (stored.kind() == Kind.DECIMAL && whole == whole(stored) && scale == stored.scale()) {
            return Result.NOTHING;
        }
        return Result.widen(target);
    }

    private static boolean isNumeric(Kind kind) {
        return kind == Kind.DECIMAL || integerDigits(kind) > 0;
    }

    private static int scale(ColumnType type) {
        return type.kind() == Kind.DECIMAL ? type.scale() : 0;
    }

    /** Digits before the point. */
    private static int whole(ColumnType type) {
        return type.kind() == Kind.DECIMAL ? type.precision() - type.scale() : integerDigits(type.kind());
    }

    /** The decimal digits an integer kind needs; 0 for other kinds. */
    private static int integerDigits(Kind kind) {
        return switch (kind) {
            case INT16 -> 5;
            case INT32 -> 10;
            case INT64 -> 19;
            default -> 0;
        };
    }

    /** date < timestamp < timestamptz; 0 for other kinds. */
    private static int timeRank(Kind kind) {
        return switch (kind) {
            case DATE -> 1;
            case TIMESTAMP -> 2;
            case TIMESTAMPTZ -> 3;
            default -> 0;
        };
    }
}
