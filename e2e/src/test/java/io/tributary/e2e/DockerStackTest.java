package io.tributary.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * Docker cannot run here, so this reads docker/Dockerfile, docker/docker-compose.yml and
 * docker/connectors/ and checks that what they name exists in the build: the plugin zips, the
 * connector classes inside them, the Kafka version, the secrets, and ports that agree between services.
 */
class DockerStackTest {

    private static final Path REPO = Path.of(System.getProperty("user.dir")).getParent();
    private static final Path DOCKER = REPO.resolve("docker");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode services;
    private final String dockerfile;

    DockerStackTest() throws IOException {
        this.services = YAML.readTree(DOCKER.resolve("docker-compose.yml").toFile()).path("services");
        this.dockerfile = Files.readString(DOCKER.resolve("Dockerfile"));
    }

    @Test
    void composeRunsTheFullStack() {
        for (String service : List.of("kafka", "schema-registry", "postgres", "minio", "connect", "kafka-ui")) {
            assertTrue(services.has(service), "service " + service + " is missing");
        }
        assertTrue(env("kafka", "KAFKA_PROCESS_ROLES").contains("controller"), "Kafka runs in KRaft mode");
        assertTrue(services.path("postgres").path("command").toString().contains("wal_level=logical"), "PostgreSQL allows logical decoding");
        String ui = services.path("kafka-ui").path("image").asText();
        assertTrue(ui.contains("kafbat") || ui.contains("provectus"), "a Kafka UI with Connect management: " + ui);
        assertEquals("io.confluent.connect.avro.AvroConverter", env("connect", "CONNECT_VALUE_CONVERTER"));
    }

    @Test
    void imageCopiesThePluginZipsOfThisBuildAndTheConfluentConverter() throws IOException {
        JsonNode build = services.path("connect").path("build");
        assertEquals(DOCKER.resolve("Dockerfile").normalize(),
                DOCKER.resolve(build.path("context").asText()).resolve(build.path("dockerfile").asText()).normalize());
        String version = E2eSettings.version();
        assertEquals(version, arg("TRIBUTARY_VERSION"), "Dockerfile ARG TRIBUTARY_VERSION");
        assertEquals(version, build.path("args").path("TRIBUTARY_VERSION").asText(), "compose build arg");
        assertEquals(System.getProperty("tributary.kafka.version"), arg("KAFKA_VERSION"), "the image runs the build's Kafka");
        assertEquals("apache/kafka:" + arg("KAFKA_VERSION"), services.path("kafka").path("image").asText(), "broker = worker version");

        Matcher copies = Pattern.compile("(?m)^COPY\\s+(\\S+-plugin\\.zip)\\s").matcher(dockerfile);
        List<String> zips = new ArrayList<>();
        while (copies.find()) {
            zips.add(copies.group(1).replace("${TRIBUTARY_VERSION}", version));
        }
        assertEquals(List.of("source-connector/target/tributary-source-connector-" + version + "-plugin.zip",
                "sink-connector/target/tributary-sink-connector-" + version + "-plugin.zip"), zips);
        for (String zip : zips) {
            String artifact = Path.of(zip).getFileName().toString().replace("-" + version + "-plugin.zip", "");
            assertEquals(E2eSettings.pluginArchive(artifact).toRealPath(), REPO.resolve(zip).toRealPath(), "the zip the build makes");
        }

        String pluginPath = env("connect", "CONNECT_PLUGIN_PATH");
        assertTrue(dockerfile.contains("ENV CONNECT_PLUGIN_PATH=" + pluginPath), "image and compose agree on plugin.path");
        assertTrue(dockerfile.contains("COPY --from=plugins /opt/connect-plugins/ " + pluginPath + "/"), "plugins land on plugin.path");
        assertTrue(Pattern.compile("(?m)^FROM confluentinc/cp-kafka-connect:\\S+ AS confluent$").matcher(dockerfile).find());
        assertTrue(Pattern.compile("(?m)^COPY --from=confluent \\S+ " + Pattern.quote(pluginPath) + "/\\S+").matcher(dockerfile).find(),
                "the Avro converter is copied from Confluent's image onto plugin.path");
        Matcher entrypoint = Pattern.compile("(?m)^COPY (docker/\\S+) /opt/tributary/").matcher(dockerfile);
        assertTrue(entrypoint.find() && Files.isExecutable(REPO.resolve(entrypoint.group(1))), "the entrypoint script exists");
    }

    @Test
    void portsAgreeBetweenServices() {
        Set<String> advertised = new HashSet<>();
        for (String listener : env("kafka", "KAFKA_ADVERTISED_LISTENERS").split(",", -1)) {
            advertised.add(listener.substring(listener.indexOf("://") + 3));
        }
        for (String[] ref : new String[][] {{"connect", "CONNECT_BOOTSTRAP_SERVERS"},
                {"schema-registry", "SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS"}, {"kafka-ui", "KAFKA_CLUSTERS_0_BOOTSTRAPSERVERS"}}) {
            assertTrue(advertised.contains(env(ref[0], ref[1])), ref[0] + " reaches Kafka at an advertised listener: " + advertised);
        }
        int registryPort = URI.create(env("schema-registry", "SCHEMA_REGISTRY_LISTENERS")).getPort();
        for (String url : List.of(env("connect", "CONNECT_KEY_CONVERTER_SCHEMA_REGISTRY_URL"),
                env("connect", "CONNECT_VALUE_CONVERTER_SCHEMA_REGISTRY_URL"), env("kafka-ui", "KAFKA_CLUSTERS_0_SCHEMAREGISTRY"))) {
            assertEquals(URI.create("http://schema-registry:" + registryPort), URI.create(url), "Schema Registry URL");
        }
        int restPort = URI.create(env("connect", "CONNECT_LISTENERS")).getPort();
        assertEquals(Integer.toString(restPort), env("connect", "CONNECT_REST_ADVERTISED_PORT"));
        assertEquals(URI.create("http://connect:" + restPort), URI.create(env("kafka-ui", "KAFKA_CLUSTERS_0_KAFKACONNECT_0_ADDRESS")));
        assertTrue(dockerfile.contains("EXPOSE " + restPort) && dockerfile.contains("localhost:" + restPort + "/connectors"));

        // every published port is one the service listens on
        assertPublishes("connect", restPort);
        assertPublishes("schema-registry", registryPort);
        assertPublishes("postgres", 5432);
        assertPublishes("minio", 9000);
        assertPublishes("minio", 9001);
        for (String listener : env("kafka", "KAFKA_LISTENERS").split(",", -1)) {
            int port = Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
            if (listener.startsWith("HOST")) {
                assertPublishes("kafka", port);
                assertTrue(advertised.contains("localhost:" + port), "the host listener is advertised as localhost");
            }
        }
        assertTrue(services.path("minio").path("command").toString().contains(":9001"), "MinIO console on 9001");
    }

    @Test
    void stackConnectorsNameClassesInThePluginsAndServicesAndSecretsThatExist() throws IOException {
        assertTrue(services.path("connect").path("volumes").toString().contains("./secrets:/etc/kafka-connect/secrets"));
        assertEquals("file", env("connect", "CONNECT_CONFIG_PROVIDERS"));
        Pattern secret = Pattern.compile("\\$\\{file:/etc/kafka-connect/secrets/([^:}]+):([^}]+)}");
        try (Stream<Path> files = Files.list(DOCKER.resolve("connectors"))) {
            List<Path> connectors = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertEquals(2, connectors.size(), "a source and a sink for the stack");
            for (Path file : connectors) {
                JsonNode config = JSON.readTree(file.toFile()).path("config");
                String connectorClass = config.path("connector.class").asText();
                String artifact = connectorClass.startsWith("io.tributary.source") ? "tributary-source-connector" : "tributary-sink-connector";
                assertTrue(pluginHasClass(artifact, connectorClass), connectorClass + " is in " + artifact + "'s plugin zip");
                for (var field : (Iterable<java.util.Map.Entry<String, JsonNode>>) config::fields) {
                    String value = field.getValue().asText();
                    Matcher ref = secret.matcher(value);
                    if (ref.matches()) {
                        Properties props = new Properties();
                        try (InputStream in = Files.newInputStream(DOCKER.resolve("secrets").resolve(ref.group(1)))) {
                            props.load(in);
                        }
                        assertTrue(props.containsKey(ref.group(2)), file.getFileName() + ": secret " + ref.group(1) + " has " + ref.group(2));
                    }
                    Matcher host = Pattern.compile("//([a-z-]+):(\\d+)/").matcher(value);
                    if (host.find()) {
                        assertTrue(services.has(host.group(1)), field.getKey() + " names service " + host.group(1));
                        assertPublishes(host.group(1), Integer.parseInt(host.group(2)));
                    }
                }
            }
        }
    }

    private void assertPublishes(String service, int containerPort) {
        boolean found = false;
        for (JsonNode mapping : services.path(service).path("ports")) {
            String text = mapping.asText();
            found |= text.substring(text.lastIndexOf(':') + 1).equals(Integer.toString(containerPort));
        }
        assertTrue(found, service + " publishes its port " + containerPort + ": " + services.path(service).path("ports"));
    }

    private String env(String service, String name) {
        JsonNode value = services.path(service).path("environment").path(name);
        assertTrue(value.isValueNode(), service + " sets " + name);
        return value.asText();
    }

    private String arg(String name) {
        Matcher m = Pattern.compile("(?m)^ARG " + name + "=(\\S+)$").matcher(dockerfile);
        assertTrue(m.find(), "Dockerfile declares ARG " + name);
        return m.group(1);
    }

    /** Whether the connector's jar in its plugin zip holds the class. */
    private static boolean pluginHasClass(String artifact, String className) throws IOException {
        String entryName = className.replace('.', '/') + ".class";
        try (ZipFile zip = new ZipFile(E2eSettings.pluginArchive(artifact).toFile())) {
            for (ZipEntry jar : Collections.list(zip.entries())) {
                if (jar.getName().contains("/lib/" + artifact + "-") && jar.getName().endsWith(".jar")) {
                    try (ZipInputStream in = new ZipInputStream(zip.getInputStream(jar))) {
                        for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                            if (e.getName().equals(entryName)) {
                                return true;
                            }
                        }
                    }
                }
            }
        }
        return false;
    }
}
