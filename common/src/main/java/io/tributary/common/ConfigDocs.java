package io.tributary.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Writes a connector's configuration reference as Markdown from its {@link ConfigDef}: one table per
 * group, keys in their order within the group. The reference docs are generated, never written by
 * hand; each connector has a test that fails when the committed file differs from what this prints.
 */
public final class ConfigDocs {

    /** Set to true to let the reference tests rewrite a stale file instead of failing. */
    public static final String WRITE_PROPERTY = "tributary.docs.write";

    private ConfigDocs() {
    }

    /**
     * @param title         the page heading, e.g. "Source connector configuration"
     * @param connectorClass the connector's class name, named under the heading
     * @param def           the connector's ConfigDef
     * @param regenerate    the command that regenerates the file, printed in its header
     */
    public static String markdown(String title, String connectorClass, ConfigDef def, String regenerate) {
        Map<String, List<ConfigKey>> groups = new LinkedHashMap<>();
        for (String group : def.groups()) {
            groups.put(group, new ArrayList<>());
        }
        for (ConfigKey key : def.configKeys().values()) {
            groups.computeIfAbsent(key.group == null ? "Other" : key.group, g -> new ArrayList<>()).add(key);
        }
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("<!-- Generated from the ConfigDef of ").append(connectorClass).append(". Do not edit: regenerate with\n     ")
                .append(regenerate).append(" -->\n\n");
        md.append("`connector.class=").append(connectorClass).append("`. Besides these keys, every Connect connector setting applies ")
                .append("(`tasks.max`, `key.converter`, `errors.tolerance`, `topics`/`topics.regex` for sinks, ...). ")
                .append("Passwords are masked by the REST API; pass them with a config provider, e.g. `${file:/etc/kafka-connect/secrets/db.properties:password}`.\n");
        for (Map.Entry<String, List<ConfigKey>> group : groups.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            group.getValue().sort((a, b) -> Integer.compare(a.orderInGroup, b.orderInGroup));
            md.append("\n## ").append(group.getKey()).append("\n\n");
            md.append("| key | type | default | valid values | importance | description |\n");
            md.append("|---|---|---|---|---|---|\n");
            for (ConfigKey key : group.getValue()) {
                md.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(defaultValue(key)).append(" | ").append(cell(key.validator == null ? "" : key.validator.toString()))
                        .append(" | ").append(key.importance.name().toLowerCase(Locale.ROOT))
                        .append(" | ").append(cell(key.documentation)).append(" |\n");
            }
        }
        return md.toString();
    }

    /**
     * Compares {@code file} with {@code expected}; rewrites it when {@code -Dtributary.docs.write=true}.
     *
     * @return null when the file is current (or was rewritten), else what is wrong and how to fix it
     */
    public static String checkOrWrite(Path file, String expected, String regenerate) {
        try {
            String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (expected.equals(actual)) {
                return null;
            }
            if (Boolean.getBoolean(WRITE_PROPERTY)) {
                Files.writeString(file, expected, StandardCharsets.UTF_8);
                return null;
            }
            return file + (actual == null ? " is missing" : " is stale: the ConfigDef changed") + ". Regenerate it with\n  "
                    + regenerate + "\nand commit it.";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String defaultValue(ConfigKey key) {
        if (key.defaultValue == ConfigDef.NO_DEFAULT_VALUE) {
            return "*required*";
        }
        if (key.defaultValue == null) {
            return "";
        }
        String text = ConfigDef.convertToString(key.defaultValue, key.type);
        if (text != null && text.equals(System.getProperty("java.io.tmpdir"))) {
            return "the worker's `java.io.tmpdir`"; // differs between machines
        }
        return text == null || text.isEmpty() ? "\"\"" : "`" + text.replace("|", "\\|") + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
