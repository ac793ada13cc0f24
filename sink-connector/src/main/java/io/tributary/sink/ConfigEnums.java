package io.tributary.sink;

import java.util.Arrays;
import java.util.Locale;

/** Lower-case config values of the sink's enum settings. */
final class ConfigEnums {

    private ConfigEnums() {
    }

    static String[] values(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(ConfigEnums::value).toArray(String[]::new);
    }

    static String value(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
    }
}
