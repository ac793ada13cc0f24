package io.tributary.devstack;

import com.fasterxml.jackson.databind.JsonNode;

/** A Connect REST request answered with a non-2xx status. */
public final class ConnectRestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final transient JsonNode body;

    public ConnectRestException(String request, int status, JsonNode body) {
        super(request + " answered " + status + ": " + (body == null ? "" : body.path("message").asText(body.toString())));
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public JsonNode body() {
        return body;
    }
}
