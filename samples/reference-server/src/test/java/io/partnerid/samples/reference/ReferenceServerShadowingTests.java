package io.partnerid.samples.reference;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * R11: usernames are unique only within a pool. Two users with the same username in the Citadel's and the Smiths'
 * pools: the AuthZEN answer for one never uses the other's roles, and todo ownership never crosses pools.
 */
class ReferenceServerShadowingTests {

    private static final Actor TEST = Actor.system("shadowing-test");

    @TempDir
    static Path dir;

    static ReferenceServer server;
    static Http http;

    @BeforeAll
    static void start() throws Exception {
        String url = ReferenceServerConfig.h2FileUrl(dir.resolve("partnerid").toString());
        server = ReferenceServer.start(ReferenceServerConfig.of(0, url), ReferenceServer.defaultRuntime());
        http = new Http(server.baseUri());
        IdentityCore core = server.core();
        DemoData.Ecosystem demo = server.ecosystem();
        // staff named like the partner Summer, holding the Citadel's admin role
        User staffSummer = user(core, demo.citadelPool(), DemoData.SUMMER);
        core.admin().roles().assign(TEST, NewAssignment.builder(core.unchecked().roles()
                .findRoleByName(demo.citadel(), "admin")
                .orElseThrow().id(), new UserAssignee(staffSummer.id()), demo.citadel()).build());
        // a partner user named like the Citadel's Rick (an admin and evil genius), with no grant roles
        user(core, demo.smithsPool(), DemoData.RICK);
    }

    private static User user(IdentityCore core, PoolId pool, String username) {
        return core.admin().users().create(TEST, NewUser.builder(pool, username).displayName("Namesake").build());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static boolean decide(String subject, String action, String owner) {
        HttpResponse<String> r = http.postJson("/access/v1/evaluation", Http.evaluation(subject, action, owner));
        assertThat(r.statusCode()).isEqualTo(200);
        return Http.json(r).get("decision").booleanValue();
    }

    @DisplayName("a staff user named like a partner user: the partner's answers use the partner's roles only")
    @Test
    void evaluationWhenStaffHasPartnersUsernameThenPartnerAnsweredWithPartnersRolesOnly() {
        String partner = "the-smiths/summer@the-smiths.com";
        String staff = "the-citadel/summer@the-smiths.com";
        // Summer is an editor through the grant: her own todo yes, deleting Morty's no (the namesake is an admin)
        assertThat(decide(partner, "can_update_todo", partner)).isTrue();
        assertThat(decide(partner, "can_delete_todo", "the-citadel/morty@the-citadel.com")).isFalse();
        // the namesake answers with its own roles, and Summer's todo is not its todo
        assertThat(decide(staff, "can_delete_todo", "the-citadel/morty@the-citadel.com")).isTrue();
        assertThat(decide(staff, "can_update_todo", partner)).isFalse();
    }

    @DisplayName("a partner user named like a staff user: it never gets the staff user's roles")
    @Test
    void evaluationWhenPartnerHasStaffUsernameThenNoneOfTheStaffRoles() {
        assertThat(decide("the-citadel/rick@the-citadel.com", "can_delete_todo", "the-citadel/morty@the-citadel.com"))
                .isTrue();
        assertThat(decide("the-smiths/rick@the-citadel.com", "can_delete_todo", "the-citadel/morty@the-citadel.com"))
                .isFalse();
        assertThat(decide("the-smiths/rick@the-citadel.com", "can_read_todos", "")).isFalse(); // no grant role
        assertThat(decide("rick@the-citadel.com", "can_read_todos", "")).isFalse(); // ambiguous: refused
    }

    @Test
    void searchSubjectWhenNamesakesExistThenEachListedUnderItsOwnPoolWithItsOwnRoles() {
        String json = "{\"subject\": {\"type\": \"user\"}, \"action\": {\"name\": \"can_delete_todo\"}, "
                + "\"resource\": {\"type\": \"todo\", \"id\": \"1\", \"properties\": {\"ownerID\": "
                + "\"the-citadel/morty@the-citadel.com\"}}}";
        HttpResponse<String> r = http.postJson("/access/v1/search/subject", json);
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        Http.json(r).get("results").forEach(s -> ids.add(s.get("id").stringValue()));
        assertThat(ids).containsExactly("the-citadel/morty@the-citadel.com", "the-citadel/rick@the-citadel.com",
                "the-citadel/summer@the-smiths.com");
    }

    @Test
    void candidatesWhenPoolsHoldMoreUsersThanTheCapThenSearchConsidersAtMostTheCap() {
        IdentityCore core = server.core();
        for (int i = 0; i < TodoSubjects.MAX_SEARCH_CANDIDATES; i++) {
            user(core, server.ecosystem().smithsPool(), "cousin-" + i + "@the-smiths.com");
        }
        assertThat(server.subjects().candidates("user")).hasSize(TodoSubjects.MAX_SEARCH_CANDIDATES)
                .extracting(s -> s.id()).contains("the-citadel/rick@the-citadel.com",
                        "the-citadel/summer@the-smiths.com");
    }
}
