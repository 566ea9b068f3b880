package io.partnerid.authz.authzen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.core.IdentityException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthZenServiceTests {

    private final AuthZenService pdp = TodoScenarioTests.pdp();

    private static String batch(String semantic) {
        return "{\"subject\": {\"type\": \"user\", \"id\": \"beth@the-smiths.com\"}, "
                + "\"resource\": {\"type\": \"todo\", \"id\": \"t1\", \"properties\": {\"ownerID\": \"x\"}}, "
                + "\"evaluations\": [{\"action\": {\"name\": \"can_read_todos\"}}, "
                + "{\"action\": {\"name\": \"can_delete_todo\"}}, {\"action\": {\"name\": \"can_read_todos\"}}]"
                + (semantic == null ? "" : ", \"options\": {\"evaluations_semantic\": \"" + semantic + "\"}") + "}";
    }

    @DisplayName("AuthZEN §7.1.2 execute_all evaluates every item in order")
    @Test
    void evaluationsWhenExecuteAllThenEveryDecision() {
        var r = pdp.evaluations(AuthZenCodec.parseEvaluationsRequest(batch(null)));
        assertThat(r.evaluations()).extracting(AuthZen.EvaluationResponse::decision).containsExactly(true, false, true);
        assertThat(r.evaluations().get(1).context()).containsEntry("reason", "denied").hasSize(1);
    }

    @DisplayName("AuthZEN §7.1.2 deny_on_first_deny stops after the first deny")
    @Test
    void evaluationsWhenDenyOnFirstDenyThenStopsAtTheDeny() {
        var r = pdp.evaluations(AuthZenCodec.parseEvaluationsRequest(batch("deny_on_first_deny")));
        assertThat(r.evaluations()).extracting(AuthZen.EvaluationResponse::decision).containsExactly(true, false);
    }

    @DisplayName("AuthZEN §7.1.2 permit_on_first_permit stops after the first permit")
    @Test
    void evaluationsWhenPermitOnFirstPermitThenStopsAtThePermit() {
        var r = pdp.evaluations(AuthZenCodec.parseEvaluationsRequest(batch("permit_on_first_permit")));
        assertThat(r.evaluations()).extracting(AuthZen.EvaluationResponse::decision).containsExactly(true);
    }

    @Test
    void evaluationsWhenItemHasNoActionAndNoDefaultThenAuthzenInvalid() {
        String json = "{\"subject\": {\"type\": \"user\", \"id\": \"a\"}, \"evaluations\": [{\"resource\": "
                + "{\"type\": \"todo\", \"id\": \"1\"}}]}";
        assertThatThrownBy(() -> pdp.evaluations(AuthZenCodec.parseEvaluationsRequest(json)))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.AUTHZEN_INVALID));
    }

    @DisplayName("AuthZEN §8 paging: limit and next_token walk the results")
    @Test
    void searchSubjectsWhenLimitedThenPagesWithNextToken() {
        String base = "{\"subject\": {\"type\": \"user\"}, \"action\": {\"name\": \"can_read_todos\"}, "
                + "\"resource\": {\"type\": \"todo\", \"id\": \"t1\"}, \"page\": {\"limit\": 2";
        var first = pdp.searchSubjects(AuthZenCodec.parseSubjectSearchRequest(base + "}}"));
        assertThat(first.results()).hasSize(2);
        var second = pdp.searchSubjects(AuthZenCodec.parseSubjectSearchRequest(base + ", \"token\": \""
                + first.nextToken() + "\"}}"));
        var third = pdp.searchSubjects(AuthZenCodec.parseSubjectSearchRequest(base + ", \"token\": \""
                + second.nextToken() + "\"}}"));
        assertThat(second.results()).hasSize(2);
        assertThat(third.results()).hasSize(1);
        assertThat(third.nextToken()).isEmpty();
        assertThatThrownBy(() -> pdp.searchSubjects(AuthZenCodec.parseSubjectSearchRequest(base
                + ", \"token\": \"garbage!\"}}")))
                .satisfies(e -> assertThat(((IdentityException) e).code()).isEqualTo(AuthzErrors.AUTHZEN_INVALID));
    }

    @DisplayName("AuthZEN §8.4 subject search: candidates are evaluated only until the page is filled")
    @Test
    void searchSubjectsWhenPageFilledThenRemainingCandidatesNotResolved() {
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<AuthZen.SubjectRef> many = java.util.stream.IntStream.range(0, 10_000)
                .mapToObj(i -> new AuthZen.SubjectRef("user", "u" + i, java.util.Map.of())).toList();
        SubjectResolver counting = ref -> {
            lookups.incrementAndGet();
            return java.util.Optional.of(io.partnerid.authz.Subject.of(ref.id(), TodoScenarioTests.CITADEL,
                    java.util.List.of(io.partnerid.authz.RoleAssignment.of("viewer"))));
        };
        AuthZenService search = new AuthZenService(io.partnerid.authz.engine.PolicyEngine.create(
                java.time.Clock.systemUTC(), io.partnerid.authz.policy.PolicyDocuments.fromYaml(
                        io.partnerid.authz.AuthzFixtures.resource("/io/partnerid/authz/samples/todo-policy.yaml"))),
                counting, ResourceResolver.fromProperties(), type -> many, type -> java.util.List.of());

        var page = search.searchSubjects(AuthZenCodec.parseSubjectSearchRequest("{\"subject\": {\"type\": \"user\"}, "
                + "\"action\": {\"name\": \"can_read_todos\"}, \"resource\": {\"type\": \"todo\", \"id\": \"t1\"}, "
                + "\"page\": {\"limit\": 5}}"));

        assertThat(page.results()).extracting(AuthZen.SubjectRef::id).containsExactly("u0", "u1", "u2", "u3", "u4");
        assertThat(page.nextToken()).isNotEmpty();
        assertThat(lookups.get()).isEqualTo(6); // the page and one more, not all 10,000
    }
}
