package io.tributary.sink.destination;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.ConfigDef.Recommender;
import org.apache.kafka.common.config.ConfigDef.Validator;

/**
 * The part of the sink's configuration the destinations decide: the values the selecting key
 * ({@code destination}) admits, and each provider's own keys ({@link DestinationProvider#configDef()}),
 * added to the sink's ConfigDef with a recommender that shows them only while that provider is selected.
 */
public final class DestinationKeys {

    private final String selector;
    private final List<DestinationProvider> providers;

    /**
     * @param selector the key whose value names the provider ({@code destination})
     * @param providers the providers found, in the order they are listed
     */
    public DestinationKeys(String selector, List<DestinationProvider> providers) {
        this.selector = selector;
        this.providers = List.copyOf(providers);
    }

    /** The selector's doc text of the choices: {@code a, b (note) or c}. */
    public String choices() {
        List<String> described = providers.stream().map(DestinationProvider::description).toList();
        if (described.size() < 2) {
            return String.join("", described);
        }
        return String.join(", ", described.subList(0, described.size() - 1)) + " or " + described.get(described.size() - 1);
    }

    /** Admits the providers' names, in any case. */
    public Validator validator() {
        return ConfigDef.CaseInsensitiveValidString.in(providers.stream().map(DestinationProvider::name).toArray(String[]::new));
    }

    /** Recommends the providers' names (the REST API's recommended values for the selector). */
    public Recommender recommender() {
        return new Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                return new ArrayList<>(providers.stream().map(DestinationProvider::name).toList());
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                return true;
            }
        };
    }

    /** The names of every provider's own keys: the selector's dependents. */
    public List<String> providerKeys() {
        List<String> names = new ArrayList<>();
        providers.forEach(p -> names.addAll(p.configDef().names()));
        return names;
    }

    /**
     * Adds every provider's own keys to {@code def}, each visible only while the selector names its
     * provider (and its own recommender, if any, agrees).
     *
     * @throws IllegalStateException when a provider defines a key that is already defined
     */
    public void addProviderKeys(ConfigDef def) {
        for (DestinationProvider provider : providers) {
            for (ConfigKey key : provider.configDef().configKeys().values()) {
                if (def.configKeys().containsKey(key.name)) {
                    throw new IllegalStateException("destination " + provider.name() + " defines the key " + key.name
                            + ", which the sink or another destination already defines");
                }
                def.define(new ConfigKey(key.name, key.type, key.defaultValue, key.validator, key.importance, key.documentation,
                        key.group, key.orderInGroup, key.width, key.displayName, key.dependents,
                        onlySelected(provider.name(), key.recommender), key.internalConfig));
            }
        }
    }

    private Recommender onlySelected(String provider, Recommender own) {
        return new Recommender() {
            @Override
            public List<Object> validValues(String name, Map<String, Object> parsed) {
                // Connect's validation may filter the list in place
                return own == null ? new ArrayList<>() : own.validValues(name, parsed);
            }

            @Override
            public boolean visible(String name, Map<String, Object> parsed) {
                return selected(provider, parsed) && (own == null || own.visible(name, parsed));
            }
        };
    }

    private boolean selected(String provider, Map<String, Object> parsed) {
        Object value = parsed.get(selector);
        return value instanceof String chosen && chosen.trim().toLowerCase(Locale.ROOT).equals(provider);
    }
}
