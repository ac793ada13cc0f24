package io.tributary.source;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.common.ConfigDocs;
import io.tributary.source.config.ChunkedJdbcSourceConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/config-source.md is generated from {@link ChunkedJdbcSourceConfig#CONFIG_DEF}; this fails when the committed file is stale. */
class ConfigReferenceTest {

    static final String REGENERATE = "./mvnw -B test -pl source-connector,sink-connector -am -Dtest=ConfigReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dtributary.docs.write=true";

    @Test
    void committedReferenceMatchesTheConfigDef() {
        String expected = ConfigDocs.markdown("Source connector configuration", ChunkedJdbcSourceConnector.class.getName(), ChunkedJdbcSourceConfig.CONFIG_DEF, REGENERATE);
        assertNull(ConfigDocs.checkOrWrite(Path.of("..", "docs", "config-source.md"), expected, REGENERATE));
    }
}
