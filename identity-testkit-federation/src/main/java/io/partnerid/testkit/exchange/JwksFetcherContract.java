package io.partnerid.testkit.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.partnerid.core.IdentityException;
import io.partnerid.federation.exchange.ExchangeErrors;
import io.partnerid.federation.exchange.JwksFetcher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link JwksFetcher} must pass; {@link JwksFetcher#http()} extends it.
 *
 * <p>Published in identity-testkit-federation: a host that fetches partner key sets its own way (a proxy, its own
 * HTTP client) extends it in its tests. Not thread-safe; JUnit creates one instance per test. Each test serves
 * documents from its own HTTP server on the loopback interface (JDK {@code com.sun.net.httpserver}). Pinned
 * semantics: a {@code 200} answer is returned exactly (UTF-8); any other status, a redirect (never followed: the
 * fetcher reads only the {@code jwks_uri} of the policy, never a location chosen by the server), a document larger
 * than {@link #documentLimit()} (whether or not the server declares its length) and a refused connection all fail
 * with {@code exchange.jwks_unavailable}. Timeouts are not exercised here (no test waits); a fetcher must still
 * bound them, as its javadoc says.
 */
public abstract class JwksFetcherContract {

    private static final String JWKS = "{\"keys\":[{\"kty\":\"EC\",\"kid\":\"clé-1\",\"crv\":\"P-256\","
            + "\"x\":\"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU\","
            + "\"y\":\"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0\"}]}";

    private HttpServer server;
    private boolean stopped;
    private final AtomicInteger redirectTargetHits = new AtomicInteger();

    /** The implementation under test. */
    protected abstract JwksFetcher fetcher();

    /**
     * The largest document the fetcher accepts, in bytes: 64 KiB for {@link JwksFetcher#http()}, the size of the
     * largest key set the SDK parses. Override it for a fetcher with a smaller cap.
     */
    protected int documentLimit() {
        return 64 * 1024;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks", e -> answer(e, 200, JWKS.getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/at-limit", e -> answer(e, 200, document(documentLimit()), true));
        server.createContext("/over-limit", e -> answer(e, 200, document(documentLimit() + 1), true));
        server.createContext("/over-limit-chunked", e -> answer(e, 200, document(documentLimit() + 1), false));
        server.createContext("/missing", e -> answer(e, 404, "{}".getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/failing", e -> answer(e, 500, JWKS.getBytes(StandardCharsets.UTF_8), true));
        server.createContext("/moved", e -> {
            e.getResponseHeaders().add("Location", uri("/target").toString());
            answer(e, 302, new byte[0], true);
        });
        server.createContext("/target", e -> {
            redirectTargetHits.incrementAndGet();
            answer(e, 200, JWKS.getBytes(StandardCharsets.UTF_8), true);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        if (!stopped) {
            stopped = true;
            server.stop(0);
        }
    }

    private URI uri(String path) {
        return URI.create("http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort() + path);
    }

    /** A JSON document of exactly {@code bytes} bytes. */
    private static byte[] document(int bytes) {
        String head = "{\"keys\":[],\"padding\":\"";
        String tail = "\"}";
        return (head + "p".repeat(bytes - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
    }

    private static void answer(HttpExchange exchange, int status, byte[] body, boolean declareLength)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : declareLength ? body.length : 0);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void assertUnavailable(String path) {
        assertThatThrownBy(() -> fetcher().fetch(uri(path)))
                .as(path)
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(ExchangeErrors.JWKS_UNAVAILABLE));
    }

    @Test
    void fetchWhenServedThenTheDocumentExactly() {
        assertThat(fetcher().fetch(uri("/jwks"))).isEqualTo(JWKS);
    }

    @Test
    void fetchWhenDocumentAtTheLimitThenReturned() {
        assertThat(fetcher().fetch(uri("/at-limit"))).hasSize(documentLimit());
    }

    @Test
    void fetchWhenDocumentOverTheLimitThenJwksUnavailable() {
        assertUnavailable("/over-limit");
        assertUnavailable("/over-limit-chunked");
    }

    @Test
    void fetchWhenStatusNotOkThenJwksUnavailable() {
        assertUnavailable("/missing");
        assertUnavailable("/failing");
    }

    @Test
    void fetchWhenRedirectedThenJwksUnavailableAndTheTargetNeverRequested() {
        assertUnavailable("/moved");
        assertThat(redirectTargetHits).hasValue(0);
    }

    @Test
    void fetchWhenNothingListensThenJwksUnavailable() {
        URI closed = uri("/jwks");
        stopServer();
        assertThatThrownBy(() -> fetcher().fetch(closed))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(ExchangeErrors.JWKS_UNAVAILABLE));
    }
}
