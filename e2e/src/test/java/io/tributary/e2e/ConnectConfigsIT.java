package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.devstack.KafkaConnectCluster;
import io.tributary.devstack.junit.DevStackTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ready config in connect-configs/ goes through {@code PUT /connector-plugins/<class>/config/validate}
 * on the devstack cluster. The only errors allowed are those a laptop cannot avoid: the example hosts
 * do not exist (unreachable endpoints) and the secrets are placeholders (missing credentials). Every
 * destination of the examples (Redshift, Snowflake and BigQuery too) is validated by its own checks.
 */
@DevStackTest
class ConnectConfigsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Settings whose errors can be about reaching a server or logging in to it. */
    private static final Pattern ENDPOINT_KEYS = Pattern.compile(
            "connection\\.(url|user|password)|warehouse\\.(url|user|password)|staging\\.s3\\..*|database\\.(hostname|port|user|password|dbname)"
                    + "|snowflake\\.private\\.key\\.(file|passphrase)|bigquery\\.credentials\\.file");
    private static final Pattern UNREACHABLE_OR_CREDENTIALS = Pattern.compile(
            "(?i).*(connect|unreachable|unknownhost|unknown host|resolve|refused|timed out|timeout|no route|network|"
                    + "authenticat|credential|password|access denied|forbidden|not authorized|cannot reach|unable to execute http|"
                    + "invalid.*key|signature|bucket|does not exist or is not readable by the worker).*", Pattern.DOTALL);

    static Stream<Path> configFiles() throws IOException {
        Path root = Path.of(System.getProperty("user.dir")).getParent().resolve("connect-configs");
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> json = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(json.size() >= 16, "eight scenarios, a source and a sink each: " + json);
            return json.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configFiles")
    void validatesWithoutErrorsBeyondUnreachableHostsAndPlaceholderSecrets(Path file, KafkaConnectCluster cluster) throws IOException {
        JsonNode body = JSON.readTree(file.toFile());
        String name = relative(file);
        assertTrue(body.path("name").isTextual() && body.path("config").isObject(), name + " is {\"name\":..., \"config\":{...}}");
        Map<String, String> config = new LinkedHashMap<>();
        body.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        config.put("name", body.path("name").asText()); // POST /connectors adds it from the body
        String connectorClass = config.get("connector.class");

        JsonNode result = cluster.rest().validate(connectorClass, config);
        List<String> unexpected = new ArrayList<>();
        for (JsonNode entry : result.path("configs")) {
            JsonNode value = entry.path("value");
            String key = value.path("name").asText();
            for (JsonNode error : value.path("errors")) {
                String message = error.asText();
                if (!(ENDPOINT_KEYS.matcher(key).matches() && UNREACHABLE_OR_CREDENTIALS.matcher(message).matches())) {
                    unexpected.add(key + ": " + message);
                }
            }
        }
        if (!unexpected.isEmpty()) {
            fail(name + " has configuration errors:\n  " + String.join("\n  ", unexpected));
        }
        assertEquals(connectorClass, result.path("name").asText(), name + " was validated by its own connector");
    }

    private static String relative(Path file) {
        return "connect-configs/" + file.getParent().getFileName() + "/" + file.getFileName();
    }
}
