package io.partnerid.authz.authzen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.authzen.AuthZen.ActionRef;
import io.partnerid.authz.authzen.AuthZen.ActionSearchRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationItem;
import io.partnerid.authz.authzen.AuthZen.EvaluationRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationResponse;
import io.partnerid.authz.authzen.AuthZen.EvaluationsRequest;
import io.partnerid.authz.authzen.AuthZen.EvaluationsResponse;
import io.partnerid.authz.authzen.AuthZen.PageRequest;
import io.partnerid.authz.authzen.AuthZen.ResourceRef;
import io.partnerid.authz.authzen.AuthZen.ResourceSearchRequest;
import io.partnerid.authz.authzen.AuthZen.SearchResponse;
import io.partnerid.authz.authzen.AuthZen.Semantic;
import io.partnerid.authz.authzen.AuthZen.SubjectRef;
import io.partnerid.authz.authzen.AuthZen.SubjectSearchRequest;
import io.partnerid.core.IdentityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthZenCodecTests {

    private static final SubjectRef ALICE = new SubjectRef("user", "alice@acme.com",
            Map.of("department", "Sales", "level", 3L, "tags", List.of("a", "b"), "nested", Map.of("x", true)));
    private static final ResourceRef DOC = new ResourceRef("document", "doc-1", Map.of("ownerID", "bob", "size", 1.5));
    private static final ActionRef READ = new ActionRef("can_read", Map.of("method", "GET"));

    @Provide
    Arbitrary<Map<String, Object>> properties() {
        Arbitrary<String> keys = Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8);
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.strings().alpha().ofMaxLength(5).list().ofMaxSize(3).map(l -> (Object) l));
        return Arbitraries.maps(keys, values).ofMaxSize(4);
    }

    @Provide
    Arbitrary<EvaluationRequest> evaluationRequests() {
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(20);
        return Combinators.combine(ids, ids, ids, properties(), properties(), properties())
                .as((s, r, a, sp, rp, c) -> new EvaluationRequest(new SubjectRef("user", s, sp),
                        new ActionRef(a, Map.of()), new ResourceRef("doc", r, rp), c));
    }

    @Property(tries = 200)
    void evaluationRequestWhenWrittenThenReadsBackEqual(@ForAll("evaluationRequests") EvaluationRequest r) {
        assertThat(AuthZenCodec.parseEvaluationRequest(AuthZenCodec.toJson(r))).isEqualTo(r);
    }

    @Test
    void everyMessageWhenWrittenThenReadsBackEqual() {
        EvaluationResponse deny = new EvaluationResponse(false, Map.of("reason", "denied"));
        assertThat(AuthZenCodec.parseEvaluationResponse(AuthZenCodec.toJson(deny))).isEqualTo(deny);
        EvaluationsRequest batch = new EvaluationsRequest(
                new EvaluationItem(Optional.of(ALICE), Optional.empty(), Optional.of(DOC), Optional.of(Map.of("ip",
                        "10.0.0.1"))),
                List.of(new EvaluationItem(Optional.empty(), Optional.of(READ), Optional.empty(), Optional.empty()),
                        new EvaluationItem(Optional.empty(), Optional.of(new ActionRef("can_write", Map.of())),
                                Optional.empty(), Optional.empty())),
                Semantic.DENY_ON_FIRST_DENY);
        assertThat(AuthZenCodec.parseEvaluationsRequest(AuthZenCodec.toJson(batch))).isEqualTo(batch);
        EvaluationsResponse answers = new EvaluationsResponse(List.of(new EvaluationResponse(true, Map.of()), deny));
        assertThat(AuthZenCodec.parseEvaluationsResponse(AuthZenCodec.toJson(answers))).isEqualTo(answers);
        PageRequest page = new PageRequest(Optional.of("abc"), Optional.of(10));
        SubjectSearchRequest ss = new SubjectSearchRequest("user", READ, DOC, Map.of(), page);
        assertThat(AuthZenCodec.parseSubjectSearchRequest(AuthZenCodec.toJson(ss))).isEqualTo(ss);
        ResourceSearchRequest rs = new ResourceSearchRequest(ALICE, READ, "document", Map.of(), PageRequest.FIRST);
        assertThat(AuthZenCodec.parseResourceSearchRequest(AuthZenCodec.toJson(rs))).isEqualTo(rs);
        ActionSearchRequest as = new ActionSearchRequest(ALICE, DOC, Map.of("time", "now"), PageRequest.FIRST);
        assertThat(AuthZenCodec.parseActionSearchRequest(AuthZenCodec.toJson(as))).isEqualTo(as);
        SearchResponse<SubjectRef> subjects = new SearchResponse<>(List.of(ALICE), "next");
        assertThat(AuthZenCodec.parseSubjectSearchResponse(AuthZenCodec.toJson(subjects))).isEqualTo(subjects);
        SearchResponse<ResourceRef> resources = new SearchResponse<>(List.of(DOC), "");
        assertThat(AuthZenCodec.parseResourceSearchResponse(AuthZenCodec.toJson(resources))).isEqualTo(resources);
        SearchResponse<ActionRef> actions = new SearchResponse<>(List.of(READ), "");
        assertThat(AuthZenCodec.parseActionSearchResponse(AuthZenCodec.toJson(actions))).isEqualTo(actions);
    }

    @DisplayName("AuthZEN §7.1: options.evaluations_semantic is parsed, unknown values rejected")
    @Test
    void parseEvaluationsWhenSemanticGivenThenParsedOrRejected() {
        String base = "{\"subject\": {\"type\": \"user\", \"id\": \"a\"}, \"resource\": {\"type\": \"d\", "
                + "\"id\": \"1\"}, \"evaluations\": [{\"action\": {\"name\": \"r\"}}]";
        assertThat(AuthZenCodec.parseEvaluationsRequest(base + "}").semantic()).isEqualTo(Semantic.EXECUTE_ALL);
        assertThat(AuthZenCodec.parseEvaluationsRequest(base
                + ", \"options\": {\"evaluations_semantic\": \"permit_on_first_permit\"}}").semantic())
                .isEqualTo(Semantic.PERMIT_ON_FIRST_PERMIT);
        assertThatThrownBy(() -> AuthZenCodec.parseEvaluationsRequest(base
                + ", \"options\": {\"evaluations_semantic\": \"first_come\"}}"))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.AUTHZEN_INVALID));
    }

    @Test
    void parseWhenMalformedThenAuthzenInvalidNamingTheMember() {
        assertThatThrownBy(() -> AuthZenCodec.parseEvaluationRequest("{\"subject\": {\"type\": \"user\"}, "
                + "\"action\": {\"name\": \"r\"}, \"resource\": {\"type\": \"d\", \"id\": \"1\"}}"))
                .isInstanceOf(IdentityException.class)
                .satisfies(e -> {
                    assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.AUTHZEN_INVALID);
                    assertThat(((IdentityException) e).clientDescription()).contains("subject.id");
                });
        assertThatThrownBy(() -> AuthZenCodec.parseEvaluationRequest("[1, 2"))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.AUTHZEN_INVALID));
        assertThatThrownBy(() -> AuthZenCodec.parseEvaluationRequest("{\"subject\": {\"type\": \"u\", \"id\": \"a\"},"
                + " \"action\": {\"name\": \"r\"}, \"resource\": {\"type\": \"d\", \"id\": \"1\"}, \"context\": 4}"))
                .satisfies(e -> assertThat(((IdentityException) e).clientDescription()).contains("context"));
        assertThatThrownBy(() -> AuthZenCodec.parseEvaluationRequest("{" + "\"a\":[".repeat(40) + "]".repeat(40)
                + "}")).isInstanceOf(IdentityException.class);
    }

    @Test
    void parseWhenRequestCollectionsOrStringsOverTheLimitsThenAuthzenInvalidBeforeAnyConditionSeesThem() {
        String head = "{\"subject\": {\"type\": \"user\", \"id\": \"a\"}, \"action\": {\"name\": \"r\"}, "
                + "\"resource\": {\"type\": \"d\", \"id\": \"1\", \"properties\": {\"tags\": ";
        String atLimit = head + array(AuthZenCodec.MAX_ELEMENTS) + "}}}";
        assertThat(AuthZenCodec.parseEvaluationRequest(atLimit).resource().properties().get("tags"))
                .asList().hasSize(AuthZenCodec.MAX_ELEMENTS);

        assertInvalid(() -> AuthZenCodec.parseEvaluationRequest(head + array(AuthZenCodec.MAX_ELEMENTS + 1)
                + "}}}"), "resource.properties");
        // nested deeper, in the context
        assertInvalid(() -> AuthZenCodec.parseEvaluationRequest(head + "[]}}, \"context\": {\"a\": {\"b\": "
                + array(AuthZenCodec.MAX_ELEMENTS + 1) + "}}}"), "context");
        String longString = "\"" + "x".repeat(AuthZenCodec.MAX_STRING_LENGTH + 1) + "\"";
        assertInvalid(() -> AuthZenCodec.parseEvaluationRequest(head + "[" + longString + "]}}}"),
                "resource.properties");
        assertInvalid(() -> AuthZenCodec.parseEvaluationRequest("{\"subject\": {\"type\": \"user\", \"id\": "
                + longString + "}, \"action\": {\"name\": \"r\"}, \"resource\": {\"type\": \"d\", \"id\": \"1\"}}"),
                "subject.id");
        StringBuilder members = new StringBuilder("{");
        for (int i = 0; i <= AuthZenCodec.MAX_ELEMENTS; i++) {
            members.append(i == 0 ? "" : ",").append("\"m").append(i).append("\": 1");
        }
        assertInvalid(() -> AuthZenCodec.parseEvaluationRequest(head + "[]}}, \"context\": " + members + "}}"),
                "context");
    }

    @Test
    void parseEvaluationsWhenMoreItemsThanTheLimitThenAuthzenInvalid() {
        String item = "{\"action\": {\"name\": \"r\"}}";
        String base = "{\"subject\": {\"type\": \"user\", \"id\": \"a\"}, \"resource\": {\"type\": \"d\", "
                + "\"id\": \"1\"}, \"evaluations\": [";
        assertThat(AuthZenCodec.parseEvaluationsRequest(base + String.join(",",
                java.util.Collections.nCopies(AuthZenCodec.MAX_EVALUATIONS, item)) + "]}").evaluations())
                .hasSize(AuthZenCodec.MAX_EVALUATIONS);
        assertInvalid(() -> AuthZenCodec.parseEvaluationsRequest(base + String.join(",",
                java.util.Collections.nCopies(AuthZenCodec.MAX_EVALUATIONS + 1, item)) + "]}"), "evaluations");
    }

    private static String array(int n) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ",").append('"').append('t').append(i).append('"');
        }
        return sb.append(']').toString();
    }

    private static void assertInvalid(org.assertj.core.api.ThrowableAssert.ThrowingCallable parse, String member) {
        assertThatThrownBy(parse).isInstanceOfSatisfying(IdentityException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthzErrors.AUTHZEN_INVALID);
            assertThat(e.clientDescription()).contains(member);
        });
    }
}
