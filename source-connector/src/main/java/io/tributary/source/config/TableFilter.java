package io.tributary.source.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.apache.kafka.common.config.ConfigException;

/** {@code table.include.list} / {@code table.exclude.list}: regexes matched against the whole {@code schema.table}. */
public final class TableFilter {

    private final List<Pattern> include;
    private final List<Pattern> exclude;

    public TableFilter(List<String> include, List<String> exclude) {
        this.include = compile(ChunkedJdbcSourceConfig.TABLE_INCLUDE_LIST, include);
        this.exclude = compile(ChunkedJdbcSourceConfig.TABLE_EXCLUDE_LIST, exclude);
    }

    public boolean matches(String qualifiedTable) {
        boolean included = include.isEmpty() || include.stream().anyMatch(p -> p.matcher(qualifiedTable).matches());
        return included && exclude.stream().noneMatch(p -> p.matcher(qualifiedTable).matches());
    }

    private static List<Pattern> compile(String key, List<String> regexes) {
        List<Pattern> patterns = new ArrayList<>();
        for (String regex : regexes) {
            if (regex.isBlank()) {
                continue;
            }
            try {
                patterns.add(Pattern.compile(regex.trim()));
            } catch (PatternSyntaxException e) {
                throw new ConfigException(key, regex, "bad regex: " + e.getDescription());
            }
        }
        return patterns;
    }
}
