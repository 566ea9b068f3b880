package io.partnerid.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** Stopping and starting again on the same database directory: data kept, seed not repeated, resources released. */
class ReferenceServerRestartTests {

    @TempDir
    Path dir;

    @Test
    void restartWhenSameDatabaseThenDataKeptSeedNotDuplicatedAndPortReleased() throws Exception {
        String url = ReferenceServerConfig.h2FileUrl(dir.resolve("partnerid").toString());

        ReferenceServer first = ReferenceServer.start(ReferenceServerConfig.of(0, url),
                ReferenceServer.defaultRuntime());
        int port = first.port();
        String orgs;
        JsonNode audit;
        try (first) {
            assertThat(first.seededOnStart()).isTrue();
            Http http = new Http(first.baseUri());
            orgs = http.get("/api/orgs").body();
            audit = Http.json(http.get("/api/audit/verify"));
        }
        first.close(); // idempotent

        // the port is free again, and H2 has released the file: a plain connection opens it
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(socket.getLocalPort()).isEqualTo(port);
        }
        assertThat(Files.exists(dir.resolve("partnerid.mv.db"))).isTrue();
        // H2 writes a trace file when a connection meets an error, e.g. one used after SHUTDOWN: none here
        assertThat(Files.exists(dir.resolve("partnerid.trace.db"))).isFalse();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM organizations")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(3 + 2 + 1 + 1);
        }

        try (ReferenceServer second = ReferenceServer.start(ReferenceServerConfig.of(0, url),
                ReferenceServer.defaultRuntime())) {
            assertThat(second.seededOnStart()).isFalse();
            Http http = new Http(second.baseUri());
            assertThat(http.get("/api/orgs").body()).isEqualTo(orgs);
            assertThat(Http.json(http.get("/api/audit/verify"))).isEqualTo(audit);
            // the grant and its assignments were read back from the database
            assertThat(http.postJson("/access/v1/evaluation", Http.evaluation("the-smiths/summer@the-smiths.com",
                    "can_update_todo", "the-smiths/summer@the-smiths.com")).body()).isEqualTo("{\"decision\":true}");
        }
    }

    @Test
    void startWhenPortTakenThenFailsAndTheDatabaseStaysUsable() throws Exception {
        String url = ReferenceServerConfig.h2FileUrl(dir.resolve("partnerid").toString());
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> ReferenceServer.start(ReferenceServerConfig.of(taken.getLocalPort(), url),
                    ReferenceServer.defaultRuntime()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("cannot listen");
        }
        try (ReferenceServer server = ReferenceServer.start(ReferenceServerConfig.of(0, url),
                ReferenceServer.defaultRuntime())) {
            assertThat(server.seededOnStart()).isFalse();
        }
    }
}
