package io.partnerid.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.testkit.jdbc.TestDatabases;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The reference server on a real PostgreSQL (the embedded one of the testkit) instead of its H2 default: schema,
 * seed, AuthZEN decisions through a cross-organization grant, audit chains, and a restart that finds the data.
 */
class ReferenceServerPostgresTests {

    @Test
    void startWhenPostgresThenServesTheDemoAndARestartKeepsIt() throws Exception {
        String url = TestDatabases.emptyPostgresUrl();
        String orgs;
        JsonNode audit;
        try (ReferenceServer first = ReferenceServer.start(ReferenceServerConfig.of(0, url),
                ReferenceServer.defaultRuntime())) {
            assertThat(first.seededOnStart()).isTrue();
            Http http = new Http(first.baseUri());
            assertThat(http.get("/healthz").body()).isEqualTo("{\"status\":\"UP\"}");
            assertThat(http.postJson("/access/v1/evaluation", Http.evaluation("the-smiths/summer@the-smiths.com",
                    "can_update_todo", "the-smiths/summer@the-smiths.com")).body()).isEqualTo("{\"decision\":true}");
            orgs = http.get("/api/orgs").body();
            audit = Http.json(http.get("/api/audit/verify"));
            assertThat(audit.get("intact").asBoolean()).isTrue();
        }

        try (ReferenceServer second = ReferenceServer.start(ReferenceServerConfig.of(0, url),
                ReferenceServer.defaultRuntime())) {
            assertThat(second.seededOnStart()).isFalse();
            Http http = new Http(second.baseUri());
            assertThat(http.get("/api/orgs").body()).isEqualTo(orgs);
            assertThat(Http.json(http.get("/api/audit/verify"))).isEqualTo(audit);
            assertThat(http.postJson("/access/v1/evaluation", Http.evaluation("the-smiths/summer@the-smiths.com",
                    "can_update_todo", "the-smiths/summer@the-smiths.com")).body()).isEqualTo("{\"decision\":true}");
        }
    }
}
