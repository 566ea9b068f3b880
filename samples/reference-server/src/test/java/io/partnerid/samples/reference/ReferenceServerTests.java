package io.partnerid.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** Every endpoint of a server started in-process on an ephemeral port, over an H2 file database in a temp dir. */
class ReferenceServerTests {

    @TempDir
    static Path dir;

    static ReferenceServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        String url = ReferenceServerConfig.h2FileUrl(dir.resolve("partnerid").toString());
        server = ReferenceServer.start(ReferenceServerConfig.of(0, url), ReferenceServer.defaultRuntime());
        http = new Http(server.baseUri());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void startWhenPortZeroThenEphemeralPortOnLoopbackAndDemoSeeded() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUri().toString()).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(server.seededOnStart()).isTrue();
    }

    @Test
    void healthzWhenDatabaseAnswersThenUp() {
        HttpResponse<String> r = http.get("/healthz");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"UP\"}");
    }

    @Test
    void orgsWhenSeededThenDemoTreeWithParentsAndStatus() {
        HttpResponse<String> r = http.get("/api/orgs");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode roots = Http.json(r).get("organizations");
        assertThat(names(roots)).containsExactlyInAnyOrder("The Citadel", "The Smiths", "Plumbus Supply Co.");
        JsonNode citadel = byName(roots, "The Citadel");
        assertThat(citadel.get("parent").isNull()).isTrue();
        assertThat(citadel.get("status").stringValue()).isEqualTo("ACTIVE");
        assertThat(names(citadel.get("children"))).containsExactlyInAnyOrder("Portal Engineering", "Procurement");
        for (JsonNode child : citadel.get("children")) {
            assertThat(child.get("parent").stringValue()).isEqualTo(citadel.get("id").stringValue());
            assertThat(child.get("status").stringValue()).isEqualTo("ACTIVE");
            assertThat(child.get("children").isEmpty()).isTrue();
        }
        assertThat(names(byName(roots, "The Smiths").get("children"))).containsExactly("Smith Garage");
        assertThat(names(byName(roots, "Plumbus Supply Co.").get("children"))).containsExactly("Plumbus Logistics");
    }

    @DisplayName("AuthZEN 1.0 §6 evaluation, interop Todo scenario: core roles, grant-derived roles, unknown subjects")
    @ParameterizedTest(name = "{0} {1} owner={2} -> {3}")
    @CsvSource({
        // user (policy organization/username),  action,  todo owner,                       decision
        "the-citadel/rick@the-citadel.com,   can_delete_todo,  the-citadel/morty@the-citadel.com,  true",  // admin
        "the-citadel/rick@the-citadel.com,   can_update_todo,  the-citadel/morty@the-citadel.com,  true", // evil_genius
        "the-citadel/morty@the-citadel.com,  can_update_todo,  the-citadel/morty@the-citadel.com,  true",  // own todo
        "the-citadel/morty@the-citadel.com,  can_update_todo,  the-citadel/rick@the-citadel.com,   false", // not own
        "the-citadel/Morty@The-Citadel.com,  can_create_todo,  '',                                 true",  // canonical
        "the-citadel/Morty@The-Citadel.com,  can_update_todo,  the-citadel/morty@the-citadel.com,  true",
        "the-smiths/summer@the-smiths.com,   can_update_todo,  the-smiths/summer@the-smiths.com,   true",  // grant
        "the-smiths/summer@the-smiths.com,   can_delete_todo,  the-citadel/morty@the-citadel.com,  false",
        "the-smiths/beth@the-smiths.com,     can_read_todos,   '',                                 true",  // viewer
        "the-smiths/beth@the-smiths.com,     can_create_todo,  '',                                 false",
        "the-smiths/jerry@the-smiths.com,    can_delete_todo,  the-smiths/jerry@the-smiths.com,    false",
        "the-citadel/summer@the-smiths.com,  can_read_todos,   '',                                 false", // wrong pool
        "the-smiths/rick@the-citadel.com,    can_read_todos,   '',                                 false", // wrong pool
        "rick@the-citadel.com,               can_read_todos,   '',                                 false", // bare name
        "plumbus-supply/squanchy@plumbus.example, can_read_todos, '',                              false", // no grant
        "the-citadel/unknown@example.com,    can_read_todos,   '',                                 false",
    })
    void evaluationWhenTodoScenarioThenDecision(String user, String action, String owner, boolean expected) {
        HttpResponse<String> r = http.postJson("/access/v1/evaluation", Http.evaluation(user, action, owner));
        assertThat(r.statusCode()).isEqualTo(200);
        if (expected) {
            assertThat(r.body()).isEqualTo("{\"decision\":true}");
        } else {
            // a deny says nothing about why: not whether the subject exists, not which rule
            assertThat(r.body()).isEqualTo("{\"decision\":false,\"context\":{\"reason\":\"denied\"}}");
        }
    }

    @DisplayName("AuthZEN 1.0 §7 evaluations: defaults, a batch, execute_all")
    @Test
    void evaluationsWhenBatchThenOneDecisionPerItemInOrder() {
        String json = """
                {"subject": {"type": "user", "id": "the-citadel/morty@the-citadel.com"},
                 "action": {"name": "can_update_todo"},
                 "evaluations": [
                   {"resource": {"type": "todo", "id": "1",
                                 "properties": {"ownerID": "the-citadel/morty@the-citadel.com"}}},
                   {"resource": {"type": "todo", "id": "2",
                                 "properties": {"ownerID": "the-citadel/rick@the-citadel.com"}}},
                   {"action": {"name": "can_read_todos"}, "resource": {"type": "todo", "id": "3"}}
                 ]}""";
        HttpResponse<String> r = http.postJson("/access/v1/evaluations", json);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(decisions(Http.json(r))).containsExactly(true, false, true);
    }

    @DisplayName("AuthZEN 1.0 §7.1.2 evaluations_semantic deny_on_first_deny stops at the first deny")
    @Test
    void evaluationsWhenDenyOnFirstDenyThenStopsAtDeny() {
        String json = """
                {"subject": {"type": "user", "id": "the-smiths/beth@the-smiths.com"},
                 "resource": {"type": "todo", "id": "1"},
                 "evaluations": [
                   {"action": {"name": "can_read_todos"}},
                   {"action": {"name": "can_create_todo"}},
                   {"action": {"name": "can_read_todos"}}
                 ],
                 "options": {"evaluations_semantic": "deny_on_first_deny"}}""";
        HttpResponse<String> r = http.postJson("/access/v1/evaluations", json);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(decisions(Http.json(r))).containsExactly(true, false);
    }

    @DisplayName("AuthZEN 1.0 §8.4 subject search over the core users: who may delete Morty's todo")
    @Test
    void searchSubjectWhenDeleteMortysTodoThenMortyAndRick() {
        String json = "{\"subject\": {\"type\": \"user\"}, \"action\": {\"name\": \"can_delete_todo\"}, "
                + "\"resource\": {\"type\": \"todo\", \"id\": \"1\", \"properties\": {\"ownerID\": "
                + "\"the-citadel/morty@the-citadel.com\"}}}";
        HttpResponse<String> r = http.postJson("/access/v1/search/subject", json);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Http.json(r).get("results").forEach(s -> ids.add(s.get("id").stringValue()));
        assertThat(ids).containsExactly("the-citadel/morty@the-citadel.com", "the-citadel/rick@the-citadel.com");
    }

    @Test
    void wellKnownWhenRequestedThenEndpointUrlsOfThisServer() {
        HttpResponse<String> r = http.get("/.well-known/authzen-configuration");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = Http.json(r);
        String base = server.baseUri().toString();
        assertThat(m.get("policy_decision_point").stringValue()).isEqualTo(base);
        assertThat(m.get("access_evaluation_endpoint").stringValue()).isEqualTo(base + "/access/v1/evaluation");
        assertThat(m.get("access_evaluations_endpoint").stringValue()).isEqualTo(base + "/access/v1/evaluations");
    }

    @Test
    void auditVerifyWhenSeededThenEveryChainIntact() {
        HttpResponse<String> r = http.get("/api/audit/verify");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode v = Http.json(r);
        assertThat(v.get("intact").booleanValue()).isTrue();
        assertThat(v.get("chains")).hasSize(5);
        for (JsonNode chain : v.get("chains")) {
            assertThat(chain.get("status").stringValue()).isEqualTo("INTACT");
        }
        // the seed went through the audited services: org creation, users, roles, admin grants, the grant
        assertThat(byName(v.get("chains"), "The Citadel").get("records").longValue()).isGreaterThan(8);
        assertThat(byTenant(v.get("chains"), "the-citadel").get("records").longValue()).isEqualTo(1);
        assertThat(byTenant(v.get("chains"), "the-smiths").get("records").longValue()).isEqualTo(3);
    }

    @Test
    void requestWhenUnknownPathThen404() {
        for (String path : List.of("/nope", "/healthz/", "/api", "/access/v1/evaluation/x")) {
            HttpResponse<String> r = http.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(404);
            assertThat(Http.json(r).get("error").stringValue()).isEqualTo("not_found");
        }
    }

    @Test
    void requestWhenWrongMethodThen405WithAllow() {
        HttpResponse<String> get = http.get("/access/v1/evaluation");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("Allow")).hasValue("POST");
        HttpResponse<String> post = http.postJson("/healthz", "{}");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).hasValue("GET");
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/orgs"))
                .DELETE());
        assertThat(delete.statusCode()).isEqualTo(405);
        assertThat(Http.json(delete).get("error").stringValue()).isEqualTo("method_not_allowed");
    }

    @Test
    void postWhenContentTypeMissingOrNotJsonThen415() {
        String body = Http.evaluation("the-citadel/morty@the-citadel.com", "can_read_todos", "");
        HttpResponse<String> none = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/access/v1/evaluation"))
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(none.statusCode()).isEqualTo(415);
        for (String type : List.of("text/plain", "application/x-www-form-urlencoded", "application/jsonx",
                "application/json; charset=ISO-8859-1")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            server.baseUri().resolve("/access/v1/evaluation"))
                    .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(r.statusCode()).as(type).isEqualTo(415);
            assertThat(Http.json(r).get("error").stringValue()).isEqualTo("unsupported_media_type");
        }
        HttpResponse<String> withCharset = http.send(HttpRequest.newBuilder(
                        server.baseUri().resolve("/access/v1/evaluation"))
                .header("Content-Type", "Application/JSON; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(withCharset.statusCode()).isEqualTo(200);
    }

    @Test
    void postWhenMalformedJsonThen400WithGenericMessageAndNoEcho() {
        String secret = "sk_live_5up3r53cr3t";
        HttpResponse<String> r = http.postJson("/access/v1/evaluation", "{\"subject\": {\"id\": \"" + secret + "\"");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode error = Http.json(r);
        assertThat(error.get("error").stringValue()).isEqualTo("invalid_request");
        assertThat(error.get("error_description").stringValue()).isEqualTo("The request is not valid JSON.");
        assertThat(r.body()).doesNotContain(secret).doesNotContain("Exception").doesNotContain("jackson")
                .doesNotContain("line:").doesNotContain("\tat ");
    }

    @Test
    void postWhenMemberMissingOrWrongTypeThen400NamingTheMemberOnly() {
        HttpResponse<String> missing = http.postJson("/access/v1/evaluation",
                "{\"subject\": {\"type\": \"user\", \"id\": \"sk_live_x\"}, \"action\": {\"name\": \"a\"}}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(Http.json(missing).get("error_description").stringValue())
                .isEqualTo("Invalid request: resource is required.");
        assertThat(missing.body()).doesNotContain("sk_live_x");
        HttpResponse<String> array = http.postJson("/access/v1/evaluations", "[1, 2]");
        assertThat(array.statusCode()).isEqualTo(400);
    }

    @Test
    void postWhenBodyNotUtf8Then400() {
        byte[] latin1 = "{\"subject\": {\"type\": \"user\", \"id\": \"j\u00e9r\u00f4me\"}}"
                .getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/access/v1/evaluation"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(latin1)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Http.json(r).get("error_description").stringValue()).isEqualTo(
                "The request body is not valid UTF-8.");
    }

    @Test
    void postWhenBodyAtTheCapThenAnsweredAndOneByteMoreThen413() {
        String exactly = padded(JsonApi.MAX_BODY_BYTES);
        assertThat(exactly.getBytes(StandardCharsets.UTF_8)).hasSize(JsonApi.MAX_BODY_BYTES);
        assertThat(http.postJson("/access/v1/evaluation", exactly).statusCode()).isEqualTo(200);

        HttpResponse<String> announced = http.postJson("/access/v1/evaluation", padded(JsonApi.MAX_BODY_BYTES + 1));
        assertThat(announced.statusCode()).isEqualTo(413);
        assertThat(Http.json(announced).get("error").stringValue()).isEqualTo("payload_too_large");
    }

    @Test
    void postWhenChunkedBodyExceedsCapThen413() {
        byte[] big = padded(JsonApi.MAX_BODY_BYTES + 100).getBytes(StandardCharsets.UTF_8);
        // no Content-Length: the client streams the body chunked, the server counts while reading
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/access/v1/evaluation"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))));
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void responseWhenRequestIdGivenThenEchoedOnlyIfPlainToken() {
        String body = Http.evaluation("the-citadel/morty@the-citadel.com", "can_read_todos", "");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/access/v1/evaluation"))
                .header("Content-Type", "application/json").header("X-Request-ID", "req-42")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.headers().firstValue("X-Request-ID")).hasValue("req-42");
        HttpResponse<String> odd = http.send(HttpRequest.newBuilder(server.baseUri().resolve("/access/v1/evaluation"))
                .header("Content-Type", "application/json").header("X-Request-ID", "<script>")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(odd.headers().firstValue("X-Request-ID")).isEmpty();
    }

    /**
     * A valid evaluation request of exactly {@code size} bytes (padded with JSON whitespace: a string that long is
     * over the AuthZEN codec's string limit).
     */
    private static String padded(int size) {
        String head = "{\"subject\": {\"type\": \"user\", \"id\": \"the-citadel/morty@the-citadel.com\"}, "
                + "\"action\": {\"name\": \"can_read_todos\"}, \"resource\": {\"type\": \"todo\", \"id\": \"1\"}";
        String tail = "}";
        return head + " ".repeat(size - head.length() - tail.length()) + tail;
    }

    private static List<Boolean> decisions(JsonNode response) {
        List<Boolean> out = new ArrayList<>();
        response.get("evaluations").forEach(e -> out.add(e.get("decision").booleanValue()));
        return out;
    }

    private static List<String> names(JsonNode nodes) {
        List<String> out = new ArrayList<>();
        nodes.forEach(n -> out.add(n.get("name").stringValue()));
        return out;
    }

    private static JsonNode byName(JsonNode nodes, String name) {
        for (JsonNode n : nodes) {
            if (n.get("name").stringValue().equals(name)) {
                return n;
            }
        }
        throw new AssertionError("no " + name);
    }

    private static JsonNode byTenant(JsonNode nodes, String tenant) {
        for (JsonNode n : nodes) {
            if (n.get("tenant").stringValue().equals(tenant)) {
                return n;
            }
        }
        throw new AssertionError("no " + tenant);
    }
}
