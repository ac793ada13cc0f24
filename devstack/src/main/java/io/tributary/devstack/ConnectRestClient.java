package io.tributary.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small client of the Kafka Connect REST API, as a user drives it with curl. */
public final class ConnectRestClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final URI baseUri;
    private final HttpClient http;

    public ConnectRestClient(URI baseUri) {
        this.baseUri = baseUri;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public URI baseUri() {
        return baseUri;
    }

    /** The answer of one request: HTTP status and parsed JSON body (a missing body is JSON null). */
    public record Response(int status, JsonNode body) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    /** {@code GET /connector-plugins?connectorsOnly=...}: the class names of the installed plugins. */
    public List<String> connectorPlugins(boolean connectorsOnly) {
        JsonNode body = expectOk("GET", "/connector-plugins?connectorsOnly=" + connectorsOnly, null);
        List<String> classes = new ArrayList<>();
        body.forEach(plugin -> classes.add(plugin.path("class").asText()));
        return classes;
    }

    /** {@code GET /connector-plugins}: each installed connector with its type and version. */
    public JsonNode connectorPluginDetails() {
        return expectOk("GET", "/connector-plugins", null);
    }

    /** {@code PUT /connectors/<name>/config}: creates the connector or updates its configuration. */
    public JsonNode putConnector(String name, Map<String, String> config) {
        return expectOk("PUT", "/connectors/" + encode(name) + "/config", config);
    }

    /** {@code PUT /connector-plugins/<class>/config/validate}: per-field validation without creating anything. */
    public JsonNode validate(String connectorClass, Map<String, String> config) {
        String simpleName = connectorClass.substring(connectorClass.lastIndexOf('.') + 1);
        return expectOk("PUT", "/connector-plugins/" + encode(simpleName) + "/config/validate", config);
    }

    public JsonNode status(String name) {
        return expectOk("GET", "/connectors/" + encode(name) + "/status", null);
    }

    public List<String> connectors() {
        JsonNode body = expectOk("GET", "/connectors", null);
        List<String> names = new ArrayList<>();
        body.forEach(n -> names.add(n.asText()));
        return names;
    }

    public void deleteConnector(String name) {
        expectOk("DELETE", "/connectors/" + encode(name), null);
    }

    public void restartConnector(String name, boolean includeTasks) {
        expectOk("POST", "/connectors/" + encode(name) + "/restart?includeTasks=" + includeTasks, null);
    }

    public void stopConnector(String name) {
        expectOk("PUT", "/connectors/" + encode(name) + "/stop", null);
    }

    public void resumeConnector(String name) {
        expectOk("PUT", "/connectors/" + encode(name) + "/resume", null);
    }

    /** {@code GET /connectors/<name>/offsets}. */
    public JsonNode offsets(String name) {
        return expectOk("GET", "/connectors/" + encode(name) + "/offsets", null);
    }

    /** {@code PATCH /connectors/<name>/offsets}; the connector must be stopped. */
    public JsonNode alterOffsets(String name, Object body) {
        return expectOk("PATCH", "/connectors/" + encode(name) + "/offsets", body);
    }

    /** {@code DELETE /connectors/<name>/offsets}; the connector must be stopped. */
    public JsonNode resetOffsets(String name) {
        return expectOk("DELETE", "/connectors/" + encode(name) + "/offsets", null);
    }

    /**
     * Waits until the connector and exactly {@code tasks} tasks are RUNNING; fails early, with the
     * trace, when the connector or a task FAILED.
     */
    public JsonNode awaitRunning(String name, int tasks, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            Response response = send("GET", "/connectors/" + encode(name) + "/status", null);
            if (response.ok()) {
                last = response.body();
                failIfFailed(name, last);
                if (isRunning(last, tasks)) {
                    return last;
                }
            }
            Sleeps.sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException("connector " + name + " not RUNNING with " + tasks + " tasks within " + timeout
                + "; last status: " + last);
    }

    /**
     * Throws, with the trace, when the connector or one of its tasks is FAILED right now; transient
     * states of a rebalance (UNASSIGNED, RESTARTING) pass.
     */
    public void assertNotFailed(String name) {
        Response response = send("GET", "/connectors/" + encode(name) + "/status", null);
        if (response.ok()) {
            failIfFailed(name, response.body());
        }
    }

    /** Sends one request; a JSON body is serialized from {@code body} when it is not null. */
    public Response send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(baseUri.resolve(path))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode json = text == null || text.isBlank() ? JSON.nullNode() : parse(text);
            return new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + baseUri.resolve(path) + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    private JsonNode expectOk(String method, String path, Object body) {
        Response response = send(method, path, body);
        if (!response.ok()) {
            throw new ConnectRestException(method + " " + path, response.status(), response.body());
        }
        return response.body();
    }

    private static boolean isRunning(JsonNode status, int tasks) {
        if (!"RUNNING".equals(status.path("connector").path("state").asText())) {
            return false;
        }
        JsonNode taskStates = status.path("tasks");
        if (taskStates.size() != tasks) {
            return false;
        }
        for (JsonNode task : taskStates) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return false;
            }
        }
        return true;
    }

    private static void failIfFailed(String name, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new IllegalStateException("connector " + name + " FAILED: " + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new IllegalStateException("task " + task.path("id").asInt() + " of " + name + " FAILED: "
                        + task.path("trace").asText());
            }
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(text);
        }
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
