package io.partnerid.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** R11: a client that never finishes its request cannot hold a server thread past the deadline. */
class JsonApiDeadlineTests {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        server.setExecutor(oneThread); // one request thread: a stuck request would stall everything
        server.createContext("/", JsonApi.builder()
                .post("/echo", body -> JsonApi.Response.ok("{\"length\":" + body.length() + "}"))
                .deadline(Duration.ofMillis(300), timer)
                .build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        oneThread.shutdownNow();
        timer.shutdownNow();
    }

    @Test
    void handleWhenClientTricklesItsBodyThenConnectionClosedAtTheDeadlineAndThreadFreed() throws Exception {
        int port = server.getAddress().getPort();
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), port)) {
            slow.setSoTimeout(20_000);
            OutputStream out = slow.getOutputStream();
            out.write(("POST /echo HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100\r\n\r\n{\"a\":").getBytes(StandardCharsets.US_ASCII));
            out.flush(); // ... and the other 95 bytes never come

            assertThat(closedByServer(slow.getInputStream())).isTrue();
        }
        // the only request thread is free again
        Http http = new Http(java.net.URI.create("http://127.0.0.1:" + port));
        HttpResponse<String> r = http.postJson("/echo", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"length\":2}");
    }

    /** True when the server closes (or resets) the connection; false when it stays open until the read timeout. */
    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            while (in.read() >= 0) {
                // drain whatever the server sends before it closes (nothing is expected)
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true; // reset
        }
    }
}
