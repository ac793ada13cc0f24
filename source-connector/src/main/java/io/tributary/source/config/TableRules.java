package io.tributary.source.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigException;

/**
 * Per-table column lists given as {@code <table regex>:<col>,<col>;...} (the format of
 * {@code key.columns} and {@code cursor.columns}). The regex must match the whole {@code schema.table};
 * the first matching rule wins.
 */
public final class TableRules {

    private record Rule(Pattern table, List<String> columns) {
    }

    private final List<Rule> rules;

    private TableRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Parses the setting {@code key}; a malformed value fails with a message naming the setting. */
    public static TableRules parse(String key, String value) {
        List<Rule> rules = new ArrayList<>();
        if (value == null || value.isBlank()) {
            return new TableRules(rules);
        }
        for (String part : value.split(";", -1)) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.lastIndexOf(':');
            if (colon <= 0 || colon == part.length() - 1) {
                throw new ConfigException(key, value, "each rule is <table regex>:<column>[,<column>...]; got '" + part.trim() + "'");
            }
            Pattern table;
            try {
                table = Pattern.compile(part.substring(0, colon).trim());
            } catch (PatternSyntaxException e) {
                throw new ConfigException(key, value, "bad table regex '" + part.substring(0, colon).trim() + "': " + e.getDescription());
            }
            List<String> columns = new ArrayList<>();
            for (String column : part.substring(colon + 1).split(",", -1)) {
                if (column.isBlank()) {
                    throw new ConfigException(key, value, "empty column name in '" + part.trim() + "'");
                }
                columns.add(column.trim());
            }
            rules.add(new Rule(table, columns));
        }
        return new TableRules(rules);
    }

    /** The columns of the first rule whose regex matches {@code qualifiedTable}, if any. */
    public Optional<List<String>> columnsFor(String qualifiedTable) {
        for (Rule rule : rules) {
            if (rule.table.matcher(qualifiedTable).matches()) {
                return Optional.of(rule.columns);
            }
        }
        return Optional.empty();
    }
}
