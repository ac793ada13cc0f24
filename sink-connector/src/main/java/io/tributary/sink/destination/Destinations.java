package io.tributary.sink.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;

/** Finds {@link DestinationProvider}s with {@link ServiceLoader}, in the plugin's class loader. */
public final class Destinations {

    private Destinations() {
    }

    public static Optional<DestinationProvider> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    public static List<DestinationProvider> all() {
        List<DestinationProvider> providers = new ArrayList<>();
        ServiceLoader.load(DestinationProvider.class, DestinationProvider.class.getClassLoader()).forEach(providers::add);
        return providers;
    }
}
