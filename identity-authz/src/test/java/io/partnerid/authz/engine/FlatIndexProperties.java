package io.partnerid.authz.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.policy.PermissionDef;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.core.org.OrgId;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The flat decision-path index must say exactly what the compiled organizations say: same organizations, same
 * ancestry, same deny and ceiling bits, same role resolution (nearest definition wins), same permission bits.
 */
class FlatIndexProperties {

    @Provide
    Arbitrary<PolicyDocument> documents() {
        return Arbitraries.longs().map(seed -> PolicyEngineProperties.generate(seed).doc());
    }

    @Property(tries = 300)
    void flatIndexWhenPolicyIsRandomThenAgreesWithCompiledOrganizations(@ForAll("documents") PolicyDocument doc) {
        assertAgrees(Compiler.compile(doc, 1));
    }

    @Test
    void flatIndexWhenRolesAreOverriddenOrgScopedAndConditionalThenAgreesWithCompiledOrganizations() {
        Map<String, TransactionType> actions = new LinkedHashMap<>();
        actions.put("read", TransactionType.READ);
        actions.put("write", TransactionType.WRITE);
        PolicyDocument.Builder b = PolicyDocument.builder("flat");
        for (int t = 0; t < 40; t++) { // 80 bits: two words per bit set
            b.resourceType("t" + t, actions);
        }
        b.org(PolicyDocument.org("root").delegate(List.of("*:*"), List.of("viewer"))
                .role(new RoleDef("viewer", List.of(PermissionDef.of("*:read")), List.of(), true,
                        RoleDef.Scope.SUBTREE))
                .role(new RoleDef("local", List.of(PermissionDef.of("t39:write"),
                        PermissionDef.when("t1:write", "resource.owner == subject.id")), List.of("viewer"), false,
                        RoleDef.Scope.ORG))
                .denyWhen("d1", "t2:write", "context.risk > 5"));
        b.org(PolicyDocument.org("child").parent("root").ceiling("t0:*", "t39:*", "t1:*")
                .delegate(List.of("t0:*"), List.of())
                .role(new RoleDef("viewer", List.of(PermissionDef.of("t0:read")), List.of(), true,
                        RoleDef.Scope.SUBTREE)));
        b.org(PolicyDocument.org("grandchild").parent("child").deny("d2", "t39:*"));
        b.org(PolicyDocument.org("other"));
        PolicySnapshot s = Compiler.compile(b.build(), 1);

        assertAgrees(s);
        FlatIndex f = s.flat;
        assertThat(f.roles[f.role(f.org(OrgId.of("grandchild")), "viewer")].definedAt()).isEqualTo(OrgId.of("child"));
        assertThat(f.role(f.org(OrgId.of("child")), "local")).isEqualTo(-1);
        assertThat(f.shapeOrgScoped(f.shapeAt(f.org(OrgId.of("root")), f.roleName("local")))).isTrue();
    }

    @Test
    void orgWhenIdsDifferInLengthOrLastCharacterThenOnlyExactIdsAreFound() {
        String longId = "x".repeat(63) + "y";
        Map<String, TransactionType> actions = Map.of("read", TransactionType.READ);
        PolicyDocument.Builder b = PolicyDocument.builder("ids").resourceType("doc", actions);
        for (String id : List.of("a", "acme", "acme-emea", "acme-emeb", longId)) {
            b.org(PolicyDocument.org(id));
        }
        FlatIndex f = Compiler.compile(b.build(), 1).flat;

        for (String id : List.of("a", "acme", "acme-emea", "acme-emeb", longId)) {
            assertThat(f.orgs[f.org(OrgId.of(id))].id()).isEqualTo(OrgId.of(id));
        }
        for (String id : List.of("b", "acm", "acme-", "acme-emec", "acme-emea0", "x".repeat(64))) {
            assertThat(f.org(OrgId.of(id))).as(id).isEqualTo(-1);
        }
    }

    private static void assertAgrees(PolicySnapshot s) {
        FlatIndex f = s.flat;
        assertThat(java.util.Arrays.stream(f.orgs).filter(java.util.Objects::nonNull)).hasSize(s.orgs.size());
        assertThat(f.org(OrgId.of("not-an-org"))).isEqualTo(-1);
        Set<String> roleNames = new LinkedHashSet<>(List.of("ghost"));
        for (Compiled.Org o : s.orgs.values()) {
            roleNames.addAll(o.roles().keySet());
        }
        for (Compiled.Org a : s.orgs.values()) {
            int ia = f.org(a.id());
            assertThat(f.orgs[ia]).isSameAs(a);
            for (Compiled.Org b : s.orgs.values()) {
                assertThat(f.isAncestorOrSelf(ia, f.org(b.id())))
                        .as("%s ancestor-or-self of %s", a.id(), b.id()).isEqualTo(a.isAncestorOrSelfOf(b));
            }
            assertThat(f.hasConditionalDenies(ia)).isEqualTo(!a.conditionalDenies().isEmpty());
            for (int bit = 0; bit < s.space.size(); bit++) {
                assertThat(f.denied(ia, bit)).isEqualTo(Bits.get(a.denyBits(), bit));
                assertThat(f.withinCeiling(ia, bit)).isEqualTo(a.ceiling() == null || Bits.get(a.ceiling(), bit));
            }
            for (String name : roleNames) {
                Compiled.Role expected = a.roles().get(name);
                int k = f.roleName(name);
                int r = f.role(ia, name);
                int shape = k < 0 ? -1 : f.shapeAt(ia, k);
                if (expected == null) {
                    assertThat(r).as("role %s at %s", name, a.id()).isEqualTo(-1);
                    assertThat(shape).as("shape of role %s at %s", name, a.id()).isEqualTo(-1);
                    continue;
                }
                assertThat(k).isNotNegative();
                assertThat(f.roleAt(ia, k)).isEqualTo(r);
                assertThat(f.roles[r]).as("role %s at %s", name, a.id()).isSameAs(expected);
                assertThat(f.permit(r)).isSameAs(expected.permit());
                assertThat(f.shapeOrgScoped(shape)).isEqualTo(expected.scope() == RoleDef.Scope.ORG);
                for (int bit = 0; bit < s.space.size(); bit++) {
                    int b = bit;
                    assertThat(f.shapeGrants(shape, bit)).isEqualTo(Bits.get(expected.bits(), bit));
                    assertThat(f.shapeMayGrant(shape, bit))
                            .isEqualTo(expected.conditionals().stream().anyMatch(c -> Bits.get(c.bits(), b)));
                }
            }
        }
        for (String type : s.space.bitsByTypeAndAction().keySet()) {
            for (String action : List.of("read", "write", "admin", "approve", "nope")) {
                assertThat(f.bit(type, action)).isEqualTo(s.space.index(type, action));
            }
        }
        assertThat(f.bit("nope", "read")).isEqualTo(-1);
    }
}
