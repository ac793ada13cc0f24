package io.tributary.sink;

import static org.junit.jupiter.api.Assertions.assertNull;

import io.tributary.common.ConfigDocs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/config-sink.md is generated from {@link WarehouseSinkConfig#CONFIG_DEF}; this fails when the committed file is stale. */
class ConfigReferenceTest {

    static final String REGENERATE = "./mvnw -B test -pl source-connector,sink-connector -am -Dtest=ConfigReferenceTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dtributary.docs.write=true";

    @Test
    void committedReferenceMatchesTheConfigDef() {
        String expected = ConfigDocs.markdown("Sink connector configuration", WarehouseSinkConnector.class.getName(), WarehouseSinkConfig.CONFIG_DEF, REGENERATE);
        assertNull(ConfigDocs.checkOrWrite(Path.of("..", "docs", "config-sink.md"), expected, REGENERATE));
    }
}
