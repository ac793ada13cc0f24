package io.tributary.sink.destination;

import io.tributary.sink.WarehouseSinkConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import org.apache.kafka.connect.errors.ConnectException;

/** Finds {@link DestinationProvider}s with {@link ServiceLoader}, in the plugin's class loader. */
public final class Destinations {

    private Destinations() {
    }

    public static Optional<DestinationProvider> find(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return all().stream().filter(p -> p.name().equals(wanted)).findFirst();
    }

    /** The provider {@code destination} selects; the config's validator admits only names of providers found. */
    public static DestinationProvider of(WarehouseSinkConfig config) {
        return find(config.destination())
                .orElseThrow(() -> new ConnectException("destination '" + config.destination() + "' is not available in this build"));
    }

    /** Every provider, in the order of the services files. */
    public static List<DestinationProvider> all() {
        List<DestinationProvider> providers = new ArrayList<>();
        ServiceLoader.load(DestinationProvider.class, DestinationProvider.class.getClassLoader()).forEach(providers::add);
        return providers;
    }
}
