package io.partnerid.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import io.partnerid.core.IdentityException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link HttpJwksSource} against a loopback HTTP server. */
class HttpJwksSourceTests {

    private static final String JWKS = new TokenFixture().keys.jwks(TokenFixture.SET);

    private final AtomicInteger jwksHits = new AtomicInteger();
    private final AtomicInteger elsewhereHits = new AtomicInteger();
    private final AtomicReference<Integer> status = new AtomicReference<>(200);
    private final AtomicReference<String> body = new AtomicReference<>(JWKS);
    private final HttpServer server = start();

    private HttpServer start() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/jwks", exchange -> {
                try (exchange) {
                    jwksHits.incrementAndGet();
                    byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
                    if (status.get() / 100 == 3) {
                        exchange.getResponseHeaders().set("Location", url("/elsewhere").toString());
                    }
                    exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
                    if (bytes.length > 0) {
                        exchange.getResponseBody().write(bytes);
                    }
                }
            });
            s.createContext("/elsewhere", exchange -> {
                try (exchange) {
                    elsewhereHits.incrementAndGet();
                    byte[] bytes = JWKS.getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, bytes.length);
                    exchange.getResponseBody().write(bytes);
                }
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static void assertUnavailable(JwksSource source) {
        IdentityException e = catchThrowableOfType(source::fetch, IdentityException.class);
        assertThat(e).isNotNull();
        assertThat(e.code()).isEqualTo(TokenErrors.JWKS_UNAVAILABLE);
    }

    @Test
    void fetchWhenStatus200ThenTheDocument() {
        assertThat(JwksSource.http(url("/jwks")).fetch()).isEqualTo(JWKS);
        assertThat(jwksHits).hasValue(1);
    }

    @Test
    void fetchWhenStatusNot200ThenJwksUnavailable() {
        for (int code : new int[] {204, 404, 500}) {
            status.set(code);
            body.set(code == 204 ? "" : JWKS);
            assertUnavailable(JwksSource.http(url("/jwks")));
        }
    }

    @Test
    void fetchWhenRedirectedThenNotFollowed() {
        for (int code : new int[] {301, 302, 307, 308}) {
            status.set(code);
            body.set("");
            assertUnavailable(JwksSource.http(url("/jwks")));
        }
        assertThat(elsewhereHits).hasValue(0);
    }

    @Test
    void fetchWhenDocumentLargerThanTheCapThenJwksUnavailable() {
        body.set("{\"keys\":[],\"pad\":\"" + "x".repeat(JsonWebKeys.MAX_JWKS_CHARS) + "\"}");
        assertUnavailable(JwksSource.http(url("/jwks")));
        body.set("{\"keys\":[],\"pad\":\"" + "x".repeat(JsonWebKeys.MAX_JWKS_CHARS - 30) + "\"}");
        assertThat(JwksSource.http(url("/jwks")).fetch()).hasSizeLessThanOrEqualTo(JsonWebKeys.MAX_JWKS_CHARS);
    }

    @Test
    void fetchWhenServerNeverAnswersThenTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            JwksSource source = HttpJwksSource.builder(URI.create("http://127.0.0.1:" + silent.getLocalPort()
                    + "/jwks")).timeout(Duration.ofMillis(300)).build();
            long start = System.nanoTime();
            assertUnavailable(source);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    @DisplayName("the timeout covers the whole response: headers sent, then a body that never completes")
    void fetchWhenBodyNeverCompletesThenTimesOut() throws Exception {
        try (ServerSocket dripping = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread peer = new Thread(() -> {
                try (Socket socket = dripping.accept()) {
                    InputStream in = socket.getInputStream();
                    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
                    int matched = 0;
                    while (matched < end.length) {
                        int b = in.read();
                        if (b < 0) {
                            return;
                        }
                        matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"keys\":[".getBytes(
                            StandardCharsets.US_ASCII));
                    out.flush();
                    in.read(); // hold the connection open until the client gives up
                } catch (IOException e) {
                    // the client closed the connection
                }
            }, "dripping-peer");
            peer.setDaemon(true);
            peer.start();
            JwksSource source = HttpJwksSource.builder(URI.create("http://127.0.0.1:" + dripping.getLocalPort()
                    + "/jwks")).timeout(Duration.ofMillis(500)).build();
            long start = System.nanoTime();
            assertUnavailable(source);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void fetchWhenNothingListensThenJwksUnavailable() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        assertUnavailable(JwksSource.http(URI.create("http://127.0.0.1:" + port + "/jwks")));
    }

    @Test
    void builderWhenNotHttpsOutsideLoopbackThenIllegalArgument() {
        for (String bad : new String[] {"http://id.example.com/jwks", "ftp://id.example.com/jwks", "/jwks",
                "https://user@id.example.com/jwks", "https://id.example.com/jwks#frag"}) {
            assertThatIllegalArgumentException().as(bad).isThrownBy(() -> JwksSource.http(URI.create(bad)));
        }
        for (String good : new String[] {"https://id.example.com/jwks", "http://127.0.0.1:8080/jwks",
                "http://localhost/jwks", "http://[::1]:9/jwks"}) {
            assertThat(HttpJwksSource.builder(URI.create(good)).build().jwksUri()).hasToString(good);
        }
        assertThatIllegalArgumentException().isThrownBy(() -> HttpJwksSource.builder(url("/jwks"))
                .httpClient(HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()));
        assertThatIllegalArgumentException().isThrownBy(() -> HttpJwksSource.builder(url("/jwks"))
                .timeout(Duration.ZERO));
    }

    @Test
    void fetchWhenHostClientGivenThenUsed() {
        JwksSource source = HttpJwksSource.builder(url("/jwks")).httpClient(HttpClient.newHttpClient()).build();
        assertThat(source.fetch()).isEqualTo(JWKS);
    }
}
