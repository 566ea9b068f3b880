package io.partnerid.core.token;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A tiny RFC 7662 token introspection endpoint on the loopback interface, backed by an {@link AccessTokenService}:
 * it authenticates the caller with HTTP Basic ({@code client_secret_basic}), reads {@code token} from the form and
 * answers {@code {"active": true, …claims}} when the issuer's own verification passes (signature, expiry,
 * revocation, organization status), {@code {"active": false}} otherwise. Tests can replace the answer.
 */
final class LoopbackIntrospectionServer implements AutoCloseable {

    static final String CLIENT_ID = "orders api";
    static final String CLIENT_SECRET = "s3cret:with%odd&chars";

    /** A canned answer: status and body. */
    record Answer(int status, String body) {
    }

    /** What the server received. */
    record Received(String method, String authorization, String contentType, Map<String, String> form) {
    }

    private final HttpServer server;
    private final AccessTokenService tokens;
    private final Set<String> audiences;
    private final AtomicInteger requests = new AtomicInteger();
    private final CopyOnWriteArrayList<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicReference<Function<Received, Answer>> override = new AtomicReference<>();
    private final AtomicReference<URI> location = new AtomicReference<>();

    LoopbackIntrospectionServer(AccessTokenService tokens, Set<String> audiences) throws IOException {
        this.tokens = tokens;
        this.audiences = Set.copyOf(audiences);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/introspect", this::handle);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/introspect");
    }

    int requests() {
        return requests.get();
    }

    Received last() {
        return received.get(received.size() - 1);
    }

    /** Answers every request with {@code answer} instead of introspecting. */
    void answer(Function<Received, Answer> answer) {
        override.set(answer);
    }

    /** The {@code Location} header sent with 3xx answers. */
    void redirectTo(URI target) {
        location.set(target);
    }

    void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readNBytes(32 * 1024), StandardCharsets.UTF_8);
            }
            Received r = new Received(exchange.getRequestMethod(),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("Content-Type"), parse(body));
            received.add(r);
            Function<Received, Answer> canned = override.get();
            Answer answer = canned != null ? canned.apply(r) : introspect(r);
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (answer.status() / 100 == 3 && location.get() != null) {
                exchange.getResponseHeaders().set("Location", location.get().toString());
            }
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        }
    }

    /** RFC 7662 §2.1 request, §2.2 response, §2.3 error (401 for a bad client). */
    private Answer introspect(Received r) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((form(CLIENT_ID) + ":" + form(CLIENT_SECRET))
                .getBytes(StandardCharsets.UTF_8));
        if (!"POST".equals(r.method()) || !expected.equals(r.authorization())) {
            return new Answer(401, "{\"error\":\"invalid_client\"}");
        }
        String token = r.form().get("token");
        if (token == null) {
            return new Answer(400, "{\"error\":\"invalid_request\"}");
        }
        TokenVerification result = tokens.verify(token, audiences);
        Map<String, Object> json = new LinkedHashMap<>();
        if (result instanceof TokenVerification.Verified v) {
            json.put("active", true);
            json.putAll(v.claims().asMap());
        } else {
            json.put("active", false);
        }
        return new Answer(200, JSONObjectUtils.toJSONString(json));
    }

    private static String form(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Map<String, String> parse(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
