package io.partnerid.authz.authzen;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthzFixtures;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.core.org.OrgId;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs the AuthZEN interop "Todo" scenario against the sample policy document, through the AuthZEN JSON API. */
class TodoScenarioTests {

    static final OrgId CITADEL = OrgId.of("the-citadel");
    static final Map<String, List<String>> ROLES = Map.of(
            "rick@the-citadel.com", List.of("admin", "evil_genius"),
            "morty@the-citadel.com", List.of("editor"),
            "summer@the-smiths.com", List.of("editor"),
            "beth@the-smiths.com", List.of("viewer"),
            "jerry@the-smiths.com", List.of("viewer"));

    static AuthZenService pdp() {
        PolicyEngine engine = PolicyEngine.create(Clock.systemUTC(),
                PolicyDocuments.fromYaml(AuthzFixtures.resource("/io/partnerid/authz/samples/todo-policy.yaml")));
        SubjectResolver subjects = ref -> Optional.ofNullable(ROLES.get(ref.id())).map(roles -> Subject.of(ref.id(),
                CITADEL, roles.stream().map(RoleAssignment::of).toList()));
        List<AuthZen.SubjectRef> users = ROLES.keySet().stream().sorted()
                .map(id -> new AuthZen.SubjectRef("user", id, Map.of())).toList();
        return new AuthZenService(engine, subjects, ResourceResolver.fromProperties(), type -> users,
                type -> List.of());
    }

    private final AuthZenService pdp = pdp();

    private boolean evaluate(String user, String action, String owner) {
        String resource = owner.isEmpty() ? "{\"type\": \"todo\", \"id\": \"todo-1\"}"
                : "{\"type\": \"todo\", \"id\": \"7240d0db\", \"properties\": {\"ownerID\": \"" + owner + "\"}}";
        if (action.equals("can_read_user")) {
            resource = "{\"type\": \"user\", \"id\": \"beth@the-smiths.com\"}";
        }
        String json = "{\"subject\": {\"type\": \"user\", \"id\": \"" + user + "\"}, \"action\": {\"name\": \""
                + action + "\"}, \"resource\": " + resource + "}";
        String response = AuthZenCodec.toJson(pdp.evaluate(AuthZenCodec.parseEvaluationRequest(json)));
        return AuthZenCodec.parseEvaluationResponse(response).decision();
    }

    @DisplayName("AuthZEN interop Todo: the decision table of the scenario")
    @ParameterizedTest(name = "{0} {1} owner={2} -> {3}")
    @CsvSource({
        // user,                 action,           todo owner,             decision
        "rick@the-citadel.com,   can_read_user,    '',                     true",
        "rick@the-citadel.com,   can_read_todos,   '',                     true",
        "rick@the-citadel.com,   can_create_todo,  '',                     true",
        "rick@the-citadel.com,   can_update_todo,  rick@the-citadel.com,   true",
        "rick@the-citadel.com,   can_update_todo,  morty@the-citadel.com,  true",
        "rick@the-citadel.com,   can_delete_todo,  morty@the-citadel.com,  true",
        "morty@the-citadel.com,  can_read_todos,   '',                     true",
        "morty@the-citadel.com,  can_create_todo,  '',                     true",
        "morty@the-citadel.com,  can_update_todo,  morty@the-citadel.com,  true",
        "morty@the-citadel.com,  can_update_todo,  rick@the-citadel.com,   false",
        "morty@the-citadel.com,  can_delete_todo,  morty@the-citadel.com,  true",
        "morty@the-citadel.com,  can_delete_todo,  rick@the-citadel.com,   false",
        "summer@the-smiths.com,  can_update_todo,  summer@the-smiths.com,  true",
        "summer@the-smiths.com,  can_delete_todo,  morty@the-citadel.com,  false",
        "beth@the-smiths.com,    can_read_user,    '',                     true",
        "beth@the-smiths.com,    can_read_todos,   '',                     true",
        "beth@the-smiths.com,    can_create_todo,  '',                     false",
        "beth@the-smiths.com,    can_update_todo,  beth@the-smiths.com,    false",
        "jerry@the-smiths.com,   can_delete_todo,  jerry@the-smiths.com,   false",
        "unknown@example.com,    can_read_todos,   '',                     false",
    })
    void evaluateWhenTodoScenarioThenDecisionTable(String user, String action, String owner, boolean expected) {
        assertThat(evaluate(user, action, owner)).isEqualTo(expected);
    }

    @DisplayName("AuthZEN §8.4 subject search: who may delete Morty's todo")
    @org.junit.jupiter.api.Test
    void searchSubjectsWhenDeleteOwnTodoThenOwnerAndAdmin() {
        String json = "{\"subject\": {\"type\": \"user\"}, \"action\": {\"name\": \"can_delete_todo\"}, "
                + "\"resource\": {\"type\": \"todo\", \"id\": \"t1\", \"properties\": {\"ownerID\": "
                + "\"morty@the-citadel.com\"}}}";
        AuthZen.SearchResponse<AuthZen.SubjectRef> r = pdp.searchSubjects(
                AuthZenCodec.parseSubjectSearchRequest(json));
        assertThat(r.results()).extracting(AuthZen.SubjectRef::id)
                .containsExactly("morty@the-citadel.com", "rick@the-citadel.com");
        assertThat(r.nextToken()).isEmpty();
    }

    @DisplayName("AuthZEN §8.6 action search: what may Beth do on a todo")
    @org.junit.jupiter.api.Test
    void searchActionsWhenViewerThenReadOnly() {
        String json = "{\"subject\": {\"type\": \"user\", \"id\": \"beth@the-smiths.com\"}, "
                + "\"resource\": {\"type\": \"todo\", \"id\": \"t1\"}}";
        assertThat(pdp.searchActions(AuthZenCodec.parseActionSearchRequest(json)).results())
                .extracting(AuthZen.ActionRef::name).containsExactly("can_read_todos");
    }
}
