package io.partnerid.samples.reference;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server's one HTTP handler: routes exact paths to JSON endpoints and applies the same defences to all of them.
 *
 * <p>Thread-safe once built (the route table is read-only). Every response is JSON with {@code Cache-Control:
 * no-store}. Refusals: unknown path 404, wrong method 405 (with {@code Allow}), a POST without {@code Content-Type:
 * application/json} 415, a body over {@link #MAX_BODY_BYTES} 413 (checked on {@code Content-Length} before reading,
 * and while reading), a body that is not UTF-8 or not a valid message 400. Error bodies are
 * {@code {"error": code, "error_description": text}} with a fixed text or the SDK's client-safe description: never a
 * stack trace, an exception message or an echo of the input. With a {@linkplain Builder#deadline deadline}, a request
 * that has not been answered in time (a client trickling its body, a stuck endpoint) has its connection closed, so a
 * slow client cannot hold a server thread.
 */
final class JsonApi implements HttpHandler {

    /** The largest request body accepted, in bytes. */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(JsonApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** AuthZEN: a PDP echoes the caller's X-Request-ID; only a plain token of bounded length is echoed. */
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** An endpoint's logic: the request body (empty for GET) in, a status and a JSON body out. */
    @FunctionalInterface
    interface Endpoint {
        Response handle(String body);
    }

    private final Map<String, Map<String, Endpoint>> routes;
    private final Duration deadline;
    private final ScheduledExecutorService timer;

    private JsonApi(Map<String, Map<String, Endpoint>> routes, Duration deadline, ScheduledExecutorService timer) {
        this.routes = routes;
        this.deadline = deadline;
        this.timer = timer;
    }

    static Builder builder() {
        return new Builder();
    }

    /** Collects routes; not thread-safe, use at start-up. */
    static final class Builder {
        private final Map<String, Map<String, Endpoint>> routes = new LinkedHashMap<>();
        private Duration deadline;
        private ScheduledExecutorService timer;

        /**
         * Closes the connection of a request not answered within {@code timeout} of its handling starting (reading
         * the body included); {@code timer} runs the checks and is owned by the caller.
         */
        Builder deadline(Duration timeout, ScheduledExecutorService timer) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("the deadline must be positive");
            }
            this.deadline = timeout;
            this.timer = Objects.requireNonNull(timer, "timer");
            return this;
        }

        Builder get(String path, Endpoint endpoint) {
            return route("GET", path, endpoint);
        }

        Builder post(String path, Endpoint endpoint) {
            return route("POST", path, endpoint);
        }

        private Builder route(String method, String path, Endpoint endpoint) {
            routes.computeIfAbsent(path, p -> new LinkedHashMap<>()).put(method, Objects.requireNonNull(endpoint));
            return this;
        }

        JsonApi build() {
            Map<String, Map<String, Endpoint>> copy = new LinkedHashMap<>();
            routes.forEach((path, methods) -> copy.put(path, Map.copyOf(methods)));
            return new JsonApi(Map.copyOf(copy), deadline, timer);
        }
    }

    @Override
    public void handle(HttpExchange exchange) {
        ScheduledFuture<?> watchdog = deadline == null ? null
                : timer.schedule(() -> expire(exchange), deadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            Response response = dispatch(exchange);
            send(exchange, response);
        } catch (IOException e) {
            LOG.debug("Could not answer {} {}: {}", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    e.toString());
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure answering {} {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e);
        } finally {
            if (watchdog != null) {
                watchdog.cancel(false);
            }
            exchange.close();
        }
    }

    /** The deadline passed: closing the exchange closes the connection, and a blocked read in the handler fails. */
    private void expire(HttpExchange exchange) {
        LOG.debug("{} {} not answered within {}: closing the connection", exchange.getRequestMethod(),
                exchange.getRequestURI().getRawPath(), deadline);
        exchange.close();
    }

    private Response dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        Map<String, Endpoint> methods = routes.get(path);
        if (methods == null) {
            return Response.error(404, "not_found", "There is no such endpoint.");
        }
        String method = exchange.getRequestMethod();
        Endpoint endpoint = methods.get(method);
        if (endpoint == null) {
            return Response.error(405, "method_not_allowed", "The method is not allowed on this endpoint.")
                    .header("Allow", String.join(", ", new TreeSet<>(methods.keySet())));
        }
        String body = "";
        if (method.equals("POST")) {
            if (!isJson(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                return Response.error(415, "unsupported_media_type", "The request body must be application/json.");
            }
            byte[] bytes = readCapped(exchange);
            if (bytes == null) {
                return Response.error(413, "payload_too_large",
                        "The request body is larger than " + MAX_BODY_BYTES + " bytes.").header("Connection", "close");
            }
            try {
                body = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException e) {
                return Response.error(400, "invalid_request", "The request body is not valid UTF-8.");
            }
        }
        Response response;
        try {
            response = endpoint.handle(body);
        } catch (IdentityException e) {
            if (e.code().equals(AuthzErrors.AUTHZEN_INVALID)) {
                LOG.debug("Rejected {} {}: {}", method, path, e.code());
                // the SDK's client-safe description names the offending member, never its value
                response = Response.error(400, "invalid_request", e.clientDescription());
            } else {
                LOG.error("{} {} failed with {}", method, path, e.code(), e);
                response = Response.error(500, "server_error", "The server could not answer the request.");
            }
        } catch (RuntimeException e) {
            LOG.error("{} {} failed", method, path, e);
            response = Response.error(500, "server_error", "The server could not answer the request.");
        }
        String requestId = exchange.getRequestHeaders().getFirst("X-Request-ID");
        if (requestId != null && REQUEST_ID.matcher(requestId).matches()) {
            response = response.header("X-Request-ID", requestId);
        }
        return response;
    }

    /** {@code application/json}, optionally with parameters; a charset parameter, when present, must be UTF-8. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", 2);
            if (kv[0].strip().equalsIgnoreCase("charset")
                    && (kv.length < 2 || !kv[1].strip().replace("\"", "").equalsIgnoreCase("utf-8"))) {
                return false;
            }
        }
        return true;
    }

    /** The body, or null when it is larger than {@link #MAX_BODY_BYTES} (announced or actual). */
    private static byte[] readCapped(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null; // the JDK server refuses a malformed length before we get here; be strict anyway
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            return bytes.length > MAX_BODY_BYTES ? null : bytes;
        }
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/json");
        headers.set("Cache-Control", "no-store");
        headers.set("X-Content-Type-Options", "nosniff");
        response.headers().forEach(headers::set);
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Writes a JSON object. */
    static String write(ObjectNode node) {
        return JSON.writeValueAsString(node);
    }

    /** A new JSON object. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /**
     * A response to send: status, JSON body, extra headers.
     *
     * @param status the HTTP status
     * @param body the JSON body
     * @param headers headers beyond the ones every response has
     */
    record Response(int status, String body, Map<String, String> headers) {

        Response {
            Objects.requireNonNull(body, "body");
            headers = Map.copyOf(headers);
        }

        /** 200 with a JSON body. */
        static Response ok(String body) {
            return new Response(200, body, Map.of());
        }

        /** Another status with a JSON body. */
        static Response of(int status, String body) {
            return new Response(status, body, Map.of());
        }

        static Response error(int status, String error, String description) {
            ObjectNode n = object().put("error", error).put("error_description", description);
            return new Response(status, write(n), Map.of());
        }

        Response header(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, body, h);
        }
    }
}
