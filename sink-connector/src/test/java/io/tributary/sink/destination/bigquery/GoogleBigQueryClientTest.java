package io.tributary.sink.destination.bigquery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.NoCredentials;
import com.google.cloud.ServiceOptions;
import com.google.cloud.bigquery.BigQueryException;
import com.google.cloud.bigquery.BigQueryOptions;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against a local HTTP server that answers like the BigQuery REST API: proves the
 * plugin's trimmed google-cloud-bigquery (no gRPC, no Storage API) works for the calls the sink makes.
 */
class GoogleBigQueryClientTest {

    private HttpServer server;
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private GoogleBigQueryClient client;

    @BeforeEach
    @SuppressWarnings("AddressSelection") // an IP literal, nothing to resolve; the client's URL names the same address
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(exchange.getRequestMethod() + " " + path);
            int status;
            String body;
            if (path.endsWith("/datasets/shop")) {
                status = 200;
                body = "{\"kind\":\"bigquery#dataset\",\"id\":\"proj:shop\",\"datasetReference\":{\"projectId\":\"proj\",\"datasetId\":\"shop\"}}";
            } else if (path.endsWith("/datasets/shop/tables/items") && exchange.getRequestMethod().equals("GET")) {
                status = 200;
                body = "{\"kind\":\"bigquery#table\",\"id\":\"proj:shop.items\",\"type\":\"TABLE\",\"tableReference\":{\"projectId\":\"proj\","
                        + "\"datasetId\":\"shop\",\"tableId\":\"items\"},\"schema\":{\"fields\":[{\"name\":\"id\",\"type\":\"INTEGER\"},"
                        + "{\"name\":\"name\",\"type\":\"STRING\"}]}}";
            } else if (path.endsWith("/datasets/shop/tables/items") && exchange.getRequestMethod().equals("DELETE")) {
                status = 204;
                body = "";
            } else if (path.endsWith("/datasets/locked")) {
                status = 429;
                body = "{\"error\":{\"code\":429,\"message\":\"Exceeded rate limits\",\"errors\":[{\"reason\":\"rateLimitExceeded\","
                        + "\"message\":\"Exceeded rate limits\"}]}}";
            } else {
                status = 404;
                body = "{\"error\":{\"code\":404,\"message\":\"Not found: " + path + "\",\"errors\":[{\"reason\":\"notFound\"}]}}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
            exchange.close();
        });
        server.start();
        BigQueryOptions options = BigQueryOptions.newBuilder().setProjectId("proj")
                .setHost("http://127.0.0.1:" + server.getAddress().getPort()).setCredentials(NoCredentials.getInstance())
                .setRetrySettings(ServiceOptions.getNoRetrySettings()).build();
        client = new GoogleBigQueryClient(options.getService(), "proj", null);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void tablesAndDatasets() {
        assertEquals(Set.of("id", "name"), client.columns("shop", "items"));
        assertEquals(Set.of(), client.columns("shop", "missing"), "a missing table has no columns");
        assertTrue(client.datasetExists("shop"));
        assertFalse(client.datasetExists("other"));
        client.deleteTable("shop", "items");
        assertTrue(requests.contains("DELETE /bigquery/v2/projects/proj/datasets/shop/tables/items"), requests.toString());
    }

    @Test
    void rateLimitsAreTransientOtherErrorsAreNot() {
        assertThrows(TransientBigQueryException.class, () -> client.datasetExists("locked"));
        server.removeContext("/");
        server.createContext("/", exchange -> {
            byte[] body = "{\"error\":{\"code\":403,\"message\":\"Access Denied\",\"errors\":[{\"reason\":\"accessDenied\"}]}}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        assertThrows(BigQueryException.class, () -> client.datasetExists("shop"));
    }
}
