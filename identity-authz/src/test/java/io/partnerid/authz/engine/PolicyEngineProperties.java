package io.partnerid.authz.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.OrgPolicy;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.core.org.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Tenant isolation and guardrail properties over random organization forests, roles, ceilings, grants and
 * assignments. Each scenario is generated from a seed so that a failure is reproducible.
 */
class PolicyEngineProperties {

    private static final List<String> PATTERNS = List.of("doc:read", "doc:write", "doc:*", "report:*", "*:@read",
            "*:@write", "*:admin", "*:*", "report:read");
    private static final Map<String, TransactionType> ACTIONS = new LinkedHashMap<>();

    static {
        ACTIONS.put("read", TransactionType.READ);
        ACTIONS.put("write", TransactionType.WRITE);
        ACTIONS.put("admin", TransactionType.ADMIN);
    }

    /** A random policy and a batch of random requests against it. */
    record Scenario(PolicyDocument doc, Map<String, String> parentOf, List<AuthorizationRequest> requests) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.longs().map(PolicyEngineProperties::generate);
    }

    static Scenario generate(long seed) {
        Random rnd = new Random(seed);
        int n = 2 + rnd.nextInt(12);
        Map<String, String> parentOf = new HashMap<>();
        Map<String, List<String>> rolesAt = new HashMap<>();
        List<String> ids = new ArrayList<>();
        PolicyDocument.Builder b = PolicyDocument.builder("seed-" + seed)
                .resourceType("doc", ACTIONS).resourceType("report", ACTIONS);
        List<String> allRoles = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = "o" + i;
            PolicyDocument.OrgBuilder ob = PolicyDocument.org(id).delegate(List.of("*:*"), List.of());
            if (i > 0 && rnd.nextInt(3) > 0) {
                String parent = ids.get(rnd.nextInt(ids.size()));
                ob.parent(parent);
                parentOf.put(id, parent);
            }
            if (rnd.nextInt(3) == 0) {
                ob.ceiling(pick(rnd, 1 + rnd.nextInt(3)).toArray(String[]::new));
            }
            List<String> local = new ArrayList<>();
            for (int k = 0, m = rnd.nextInt(3); k < m; k++) {
                String role = "r" + i + "_" + k;
                ob.role(role, pick(rnd, 1 + rnd.nextInt(3)).toArray(String[]::new));
                local.add(role);
                allRoles.add(role);
            }
            if (rnd.nextInt(5) == 0) {
                ob.deny("d" + i, PATTERNS.get(rnd.nextInt(PATTERNS.size())));
            }
            rolesAt.put(id, local);
            ids.add(id);
            b.org(ob);
        }
        List<String> grantIds = new ArrayList<>();
        for (int g = 0, m = rnd.nextInt(4); g < m; g++) {
            String grantor = ids.get(rnd.nextInt(n));
            String grantee = ids.get(rnd.nextInt(n));
            if (inLine(parentOf, grantor, grantee)) {
                continue;
            }
            List<String> visible = new ArrayList<>();
            for (String o = grantor; o != null; o = parentOf.get(o)) {
                visible.addAll(rolesAt.get(o));
            }
            if (visible.isEmpty()) {
                continue;
            }
            String id = "g" + g;
            b.grant(new GrantDef(id, grantor, grantee, List.of(visible.get(rnd.nextInt(visible.size()))), List.of(),
                    Optional.empty(), Optional.empty()));
            grantIds.add(id);
        }
        allRoles.add("ghost");
        List<AuthorizationRequest> requests = new ArrayList<>();
        for (int q = 0; q < 40; q++) {
            List<RoleAssignment> assignments = new ArrayList<>();
            for (int k = 0, m = 1 + rnd.nextInt(3); k < m; k++) {
                String role = allRoles.get(rnd.nextInt(allRoles.size()));
                switch (rnd.nextInt(3)) {
                    case 0 -> assignments.add(RoleAssignment.of(role));
                    case 1 -> assignments.add(RoleAssignment.at(role, OrgId.of(ids.get(rnd.nextInt(n)))));
                    default -> assignments.add(RoleAssignment.viaGrant(role, grantIds.isEmpty() || rnd.nextInt(4) == 0
                            ? "g-forged" : grantIds.get(rnd.nextInt(grantIds.size()))));
                }
            }
            Subject s = Subject.of("u" + q, OrgId.of(ids.get(rnd.nextInt(n))), assignments);
            Resource r = Resource.of(rnd.nextBoolean() ? "doc" : "report", "x", OrgId.of(ids.get(rnd.nextInt(n))));
            String action = List.copyOf(ACTIONS.keySet()).get(rnd.nextInt(3));
            requests.add(AuthorizationRequest.of(s, action, r));
        }
        return new Scenario(b.build(), parentOf, requests);
    }

    private static List<String> pick(Random rnd, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(PATTERNS.get(rnd.nextInt(PATTERNS.size())));
        }
        return out;
    }

    private static boolean ancestorOrSelf(Map<String, String> parentOf, String ancestor, String org) {
        for (String o = org; o != null; o = parentOf.get(o)) {
            if (o.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    private static boolean inLine(Map<String, String> parentOf, String a, String b) {
        return ancestorOrSelf(parentOf, a, b) || ancestorOrSelf(parentOf, b, a);
    }

    /** Independent oracle for a pattern. */
    private static boolean matches(String pattern, String type, String action) {
        String[] p = pattern.split(":");
        boolean typeOk = p[0].equals("*") || p[0].equals(type);
        boolean actionOk = p[1].equals("*") || p[1].equals(action)
                || (p[1].startsWith("@") && ACTIONS.get(action).wireName().equals(p[1].substring(1)));
        return typeOk && actionOk;
    }

    private static PolicyEngine engine(PolicyDocument doc) {
        return PolicyEngine.create(Clock.fixed(Instant.parse("2026-11-30T00:00:00Z"), ZoneOffset.UTC), doc);
    }

    @Property(tries = 300)
    void noDecisionCrossesOrganizationsWithoutAGrantPath(@ForAll("scenarios") Scenario scenario) {
        PolicyEngine engine = engine(scenario.doc());
        Map<String, GrantDef> grants = new HashMap<>();
        scenario.doc().grants().forEach(g -> grants.put(g.id(), g));
        for (AuthorizationRequest r : scenario.requests()) {
            Decision d = engine.decide(r);
            String subjectOrg = r.subject().org().value();
            String resourceOrg = r.resource().org().value();
            if (!d.permitted() || ancestorOrSelf(scenario.parentOf(), subjectOrg, resourceOrg)) {
                continue;
            }
            // a permit outside the subject's own subtree needs an explicit grant path
            boolean grantPath = r.subject().roles().stream().anyMatch(a -> a.grantId().map(grants::get)
                    .filter(g -> g.roles().contains(a.role()))
                    .filter(g -> ancestorOrSelf(scenario.parentOf(), g.grantee(), subjectOrg))
                    .filter(g -> ancestorOrSelf(scenario.parentOf(), g.grantor(), resourceOrg))
                    .isPresent());
            assertThat(grantPath).as("permit of %s for %s without a grant path", r, d).isTrue();
        }
        // revoking every grant leaves no cross-subtree permit at all
        engine.replaceGrants(List.of());
        for (AuthorizationRequest r : scenario.requests()) {
            if (engine.decide(r).permitted()) {
                assertThat(ancestorOrSelf(scenario.parentOf(), r.subject().org().value(), r.resource().org().value()))
                        .as("permit across organizations after revoking all grants: %s", r).isTrue();
            }
        }
    }

    @Property(tries = 300)
    void subOrgNeverGetsMoreThanItsParentsCeiling(@ForAll("scenarios") Scenario scenario) {
        PolicyEngine engine = engine(scenario.doc());
        Map<String, OrgPolicy> byId = new HashMap<>();
        scenario.doc().orgs().forEach(o -> byId.put(o.id(), o));
        for (AuthorizationRequest r : scenario.requests()) {
            if (!engine.decide(r).permitted()) {
                continue;
            }
            for (String start : List.of(r.subject().org().value(), r.resource().org().value())) {
                for (String o = start; o != null; o = scenario.parentOf().get(o)) {
                    Optional<List<String>> ceiling = byId.get(o).ceiling();
                    if (ceiling.isPresent()) {
                        boolean within = ceiling.get().stream()
                                .anyMatch(p -> matches(p, r.resource().type(), r.action()));
                        assertThat(within).as("permit %s:%s in %s exceeds the ceiling of ancestor %s",
                                r.resource().type(), r.action(), start, o).isTrue();
                    }
                }
            }
        }
    }

    @Property(tries = 100)
    void explanationAlwaysAgreesWithTheDecision(@ForAll("scenarios") Scenario scenario) {
        PolicyEngine engine = engine(scenario.doc());
        for (AuthorizationRequest r : scenario.requests().subList(0, 10)) {
            assertThat(engine.explain(r).decision()).isEqualTo(engine.decide(r));
        }
    }
}
