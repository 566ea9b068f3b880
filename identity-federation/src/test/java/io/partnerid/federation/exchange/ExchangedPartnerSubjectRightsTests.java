package io.partnerid.federation.exchange;

import static io.partnerid.federation.exchange.ExchangeFixture.ORDERS;
import static io.partnerid.federation.exchange.ExchangeFixture.exchangeForm;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.Decision;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.authz.grant.GrantAssignment;
import io.partnerid.authz.grant.InMemoryGrantRepository;
import io.partnerid.authz.pipeline.AccessRequest;
import io.partnerid.authz.pipeline.AccessTokenIdentityVerifier;
import io.partnerid.authz.pipeline.IdentityVerifier;
import io.partnerid.authz.pipeline.VerifiedPrincipal;
import io.partnerid.authz.pipeline.ZeroTrustPipeline;
import io.partnerid.authz.policy.PolicyDocuments;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.token.AccessTokenRequest;
import io.partnerid.core.token.ForeignSubject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R1 end to end: a trusted partner IdP that puts a local user's id in {@code sub} gets a token at the organization's
 * exchange, and that token goes through {@link AccessTokenIdentityVerifier}, {@link ZeroTrustPipeline} and the
 * policy engine the way a resource server runs them. The local user holds three kinds of rights keyed by its id:
 * a role assigned by the host, a role assigned through a cross-organization grant, and ownership of a todo
 * ({@code resource.ownerID == subject.id}). The partner's principal gets none of them.
 */
class ExchangedPartnerSubjectRightsTests {

    private static final String GRANT = "g-supplier-todos-for-acme";

    private final ExchangeFixture f = new ExchangeFixture();
    /** Acme runs the Todo application; the supplier lets Acme's users read its todos through a grant. */
    private final PolicyEngine engine = PolicyEngine.create(f.clock, PolicyDocuments.fromYaml("""
            schema: partnerid.authz/v1
            revision: r1-partner-subjects
            resourceTypes:
              todo:
                actions: {can_read_todos: read, can_update_todo: write}
            orgs:
              - id: %1$s
                roles:
                  - name: editor
                    permissions:
                      - "todo:can_read_todos"
                      - {pattern: "todo:can_update_todo", condition: "resource.ownerID == subject.id"}
              - id: %2$s
                roles:
                  - name: viewer
                    permissions: ["todo:can_read_todos"]
            grants:
              - id: %3$s
                grantor: %2$s
                grantee: %1$s
                roles: [viewer]
                resourceTypes: [todo]
            """.formatted(f.acme.value(), f.supplier.value(), GRANT)));
    private final InMemoryGrantRepository grantRepository = new InMemoryGrantRepository();
    /** Only read here (the test stores assignments directly), so a guard that refuses every change. */
    private final CrossOrgGrantService grants = CrossOrgGrantService.builder().runtime(f.runtime)
            .repository(grantRepository).engine(engine).auditPublisher(event -> { })
            .adminGuard((actor, capability, target, operation) -> {
                throw new IllegalStateException("no grant changes in this test");
            }).build();
    /** The host's own role assignments, keyed by subject id (as a host's user directory would be). */
    private final Map<String, List<RoleAssignment>> hostRoles = new HashMap<>();
    private final ZeroTrustPipeline pipeline = ZeroTrustPipeline.builder(f.runtime,
            hostLookup(new AccessTokenIdentityVerifier(f.tokens, Set.of(ORDERS))), engine,
            org -> f.orgRepository.findById(org).map(Organization::isActive).orElse(false))
            .audit(AuditPublisher.discarding(), 0).build();

    /**
     * A host that adds the roles it keeps by subject id, and the grant roles, to the verified principal: the
     * look-up a resource server does. It looks up whatever id the principal has; the namespaced id of a partner's
     * subject simply matches nothing of a local user's.
     */
    private IdentityVerifier hostLookup(IdentityVerifier tokens) {
        return credential -> {
            IdentityVerifier.Outcome outcome = tokens.verify(credential);
            if (!(outcome instanceof IdentityVerifier.Verified verified)) {
                return outcome;
            }
            VerifiedPrincipal p = verified.principal();
            List<RoleAssignment> roles = new ArrayList<>(p.roles());
            roles.addAll(hostRoles.getOrDefault(p.subjectId(), List.of()));
            roles.addAll(grants.roleAssignments(p.org(), p.subjectId()));
            return new IdentityVerifier.Verified(new VerifiedPrincipal(p.subjectId(), p.org(), roles,
                    p.attributes(), p.acr(), p.kind()));
        };
    }

    /** The local user's rights: editor at Acme (host), viewer of the supplier's todos (grant). */
    private void localUserHoldsRights(String localUser) {
        hostRoles.put(localUser, List.of(RoleAssignment.of("editor")));
        grantRepository.saveAssignment(new GrantAssignment(GRANT, f.acme, localUser, "viewer", f.clock.instant(),
                "user:acme-admin"));
    }

    private boolean permitted(String token, String action, OrgId org, String owner) {
        Decision d = pipeline.authorize(AccessRequest.builder(token, action, new Resource("todo", "todo-1", org,
                Map.of("ownerID", owner))).build());
        return d.permitted();
    }

    private String nativeToken(String localUser) {
        return f.tokens.issue(AccessTokenRequest.builder(f.acme, localUser, "todo-web").audience(ORDERS).build())
                .value();
    }

    private String exchangedPartnerToken(String sub) {
        ExchangeOutcome outcome = f.atAcme(exchangeForm(f.partnerToken(f.partnerClaims(c -> c.put("sub", sub))),
                "audience", ORDERS));
        assertThat(outcome).isInstanceOf(ExchangeOutcome.Issued.class);
        return ((ExchangeOutcome.Issued) outcome).accessToken();
    }

    @ParameterizedTest(name = "local user id {0}")
    // a native user id (IdFormat, as UserService generates them) and the reference demo's Todo subject id (the
    // username, an e-mail)
    @ValueSource(strings = {"usr_4XbQ9kLmT2", "rick@the-citadel.com"})
    void exchangeWhenPartnerSubEqualsLocalUserIdThenPrincipalGetsNoneOfTheUsersRights(String localUser) {
        localUserHoldsRights(localUser);
        String local = nativeToken(localUser);
        // the control: the local user does hold each right
        assertThat(permitted(local, "can_update_todo", f.acme, localUser)).as("ownership").isTrue();
        assertThat(permitted(local, "can_read_todos", f.acme, "someone")).as("host role").isTrue();
        assertThat(permitted(local, "can_read_todos", f.supplier, "someone")).as("grant role").isTrue();

        String partner = exchangedPartnerToken(localUser);

        assertThat(permitted(partner, "can_update_todo", f.acme, localUser)).as("ownership").isFalse();
        assertThat(permitted(partner, "can_read_todos", f.acme, "someone")).as("host role").isFalse();
        assertThat(permitted(partner, "can_read_todos", f.supplier, "someone")).as("grant role").isFalse();
    }

    @ParameterizedTest(name = "local user id {0}")
    @ValueSource(strings = {"usr_4XbQ9kLmT2", "rick@the-citadel.com"})
    void exchangeWhenPartnerUserIsEditorUnderItsOwnIdThenOwnershipConditionFalseForTheLocalUsersTodo(
            String localUser) {
        localUserHoldsRights(localUser);
        // the host deliberately makes the partner's user an editor, under the id the SDK gives it
        String partnerId = ForeignSubject.of(ExchangeFixture.PARTNER_A, localUser).value();
        hostRoles.put(partnerId, List.of(RoleAssignment.of("editor")));
        String partner = exchangedPartnerToken(localUser);

        assertThat(permitted(partner, "can_update_todo", f.acme, partnerId)).as("its own todo").isTrue();
        assertThat(permitted(partner, "can_update_todo", f.acme, localUser)).as("the local user's todo").isFalse();
    }
}
