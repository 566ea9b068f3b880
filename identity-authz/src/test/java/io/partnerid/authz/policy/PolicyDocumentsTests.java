package io.partnerid.authz.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.authz.AuthzErrors;
import io.partnerid.authz.AuthzFixtures;
import io.partnerid.authz.engine.PolicyEngine;
import java.time.Clock;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class PolicyDocumentsTests {

    private static final String HEAD = "schema: partnerid.authz/v1\nrevision: r1\n"
            + "resourceTypes:\n  invoice:\n    actions: {read: read, pay: write}\n";

    private static List<Violation> violations(ThrowingCallable call) {
        try {
            call.call();
        } catch (PolicyValidationException e) {
            assertThat(e.code()).isEqualTo(AuthzErrors.POLICY_INVALID);
            assertThat(e.clientDescription()).doesNotContain("$.");
            return e.violations();
        } catch (Throwable t) {
            throw new AssertionError("expected a PolicyValidationException", t);
        }
        throw new AssertionError("expected a PolicyValidationException, nothing was thrown");
    }

    private static List<Violation> parseYaml(String yaml) {
        return violations(() -> PolicyDocuments.fromYaml(yaml));
    }

    private static List<Violation> compileYaml(String yaml) {
        PolicyDocument doc = PolicyDocuments.fromYaml(yaml);
        return violations(() -> PolicyEngine.create(Clock.systemUTC(), doc));
    }

    @Test
    void fromYamlWhenSampleThenParsesEveryPart() {
        PolicyDocument doc = AuthzFixtures.supplyChain();
        assertThat(doc.revision()).isEqualTo("2026-11-30.1");
        assertThat(doc.orgs()).extracting(OrgPolicy::id).containsExactly("acme", "acme-emea", "acme-emea-paris",
                "globex");
        assertThat(doc.orgs().get(0).roles().get(2).permissions().get(0).condition())
                .contains("resource.amount < 10000");
        assertThat(doc.grants()).singleElement().extracting(GrantDef::roles).isEqualTo(List.of("viewer"));
    }

    @Test
    void toJsonWhenReadBackThenEqualDocument() {
        PolicyDocument doc = AuthzFixtures.supplyChain();
        assertThat(PolicyDocuments.fromJson(PolicyDocuments.toJson(doc))).isEqualTo(doc);
    }

    @Test
    void parseWhenSyntaxErrorThenRootPathWithLine() {
        List<Violation> v = violations(() -> PolicyDocuments.fromJson("{\"schema\": \"partnerid.authz/v1\",\n ]"));
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.path()).isEqualTo("$");
            assertThat(x.reason()).startsWith("malformed document at line 2");
        });
    }

    @Test
    void parseWhenRequiredMemberMissingThenPathNamesIt() {
        assertThat(parseYaml("schema: partnerid.authz/v1\nresourceTypes: {}\norgs: []\n"))
                .containsExactly(new Violation("$.revision", "required member is missing"));
        assertThat(parseYaml(HEAD + "orgs:\n  - parent: x\n"))
                .contains(new Violation("$.orgs[0].id", "required member is missing"));
    }

    @Test
    void parseWhenWrongTypeThenPathAndExpectedType() {
        assertThat(parseYaml(HEAD + "orgs: {}\n"))
                .containsExactly(new Violation("$.orgs", "expected an array"));
        assertThat(parseYaml(HEAD + "orgs:\n  - id: a\n    roles:\n      - {name: r, inheritable: maybe}\n"))
                .containsExactly(new Violation("$.orgs[0].roles[0].inheritable", "expected a boolean"));
        assertThat(parseYaml(HEAD + "orgs:\n  - id: a\n    ceiling: [1]\n"))
                .containsExactly(new Violation("$.orgs[0].ceiling[0]", "expected a string"));
    }

    @Test
    void parseWhenUnknownMemberThenRejected() {
        assertThat(parseYaml(HEAD + "orgs:\n  - id: a\n    rolez: []\n"))
                .singleElement().satisfies(x -> {
                    assertThat(x.path()).isEqualTo("$.orgs[0].rolez");
                    assertThat(x.reason()).startsWith("unknown member");
                });
    }

    @Test
    void parseWhenUnsupportedSchemaThenRejected() {
        assertThat(parseYaml(HEAD.replace("v1", "v9") + "orgs: []\n")).containsExactly(new Violation("$.schema",
                "unsupported schema 'partnerid.authz/v9', expected 'partnerid.authz/v1'"));
    }

    @Test
    void parseWhenBadValueFormatThenRejected() {
        assertThat(parseYaml(HEAD.replace("pay: write", "pay: spend") + "orgs: []\n"))
                .containsExactly(new Violation("$.resourceTypes.invoice.actions.pay",
                        "expected one of read, write, admin"));
        assertThat(parseYaml(HEAD + "orgs:\n  - id: 'a/b'\n"))
                .containsExactly(new Violation("$.orgs[0].id", "an organization id matches [A-Za-z0-9_-]{1,64}"));
        assertThat(parseYaml(HEAD + "endpoints:\n  - {method: FETCH, path: /x, resourceType: invoice, action: read}\n"
                + "orgs: []\n")).containsExactly(new Violation("$.endpoints[0].method", "unknown HTTP method 'FETCH'"));
        assertThat(parseYaml(HEAD + "orgs: [{id: a}, {id: b}]\ngrants:\n  - {id: g, grantor: a, grantee: b, "
                + "roles: [x], notAfter: tomorrow}\n")).containsExactly(new Violation("$.grants[0].notAfter",
                "expected an RFC 3339 UTC timestamp such as 2026-01-01T00:00:00Z"));
    }

    @Test
    void parseWhenTooLargeThenRejected() {
        String huge = "#" + "x".repeat(PolicyDocuments.MAX_BYTES);
        assertThat(parseYaml(huge)).singleElement().extracting(Violation::path).isEqualTo("$");
    }

    @Test
    void compileWhenUnknownReferencesThenPathAndReason() {
        List<Violation> v = compileYaml(HEAD + "endpoints:\n  - {method: GET, path: /x, resourceType: order, "
                + "action: read}\norgs:\n  - id: a\n    parent: nowhere\n");
        assertThat(v).containsExactly(
                new Violation("$.endpoints[0].resourceType", "unknown resource type 'order'"),
                new Violation("$.orgs[0].parent", "unknown parent organization 'nowhere'"));
        assertThat(compileYaml(HEAD + "orgs:\n  - id: a\n    roles:\n      - {name: r, permissions: "
                + "['invoice:void'], inherits: [ghost]}\n")).containsExactly(
                new Violation("$.orgs[0].roles[0].permissions[0]",
                        "unknown action 'void' for resource type 'invoice'"),
                new Violation("$.orgs[0].roles[0].inherits[0]", "unknown role 'ghost'"));
        assertThat(compileYaml(HEAD + "orgs:\n  - id: a\n    roles: [{name: r, permissions: ['invoice']}]\n"))
                .containsExactly(new Violation("$.orgs[0].roles[0].permissions[0]",
                        "a permission pattern looks like 'type:action', 'type:*', '*:@read'"));
    }

    @Test
    void compileWhenCyclesThenRejected() {
        assertThat(compileYaml(HEAD + "orgs:\n  - {id: a, parent: b}\n  - {id: b, parent: a}\n"))
                .singleElement().satisfies(x -> assertThat(x.reason()).startsWith("organization parents form a cycle"));
        assertThat(compileYaml(HEAD + "orgs:\n  - id: a\n    roles:\n      - {name: r1, inherits: [r2]}\n"
                + "      - {name: r2, inherits: [r1]}\n"))
                .singleElement().satisfies(x -> {
                    assertThat(x.path()).startsWith("$.orgs[0].roles[");
                    assertThat(x.reason()).startsWith("role inheritance forms a cycle");
                });
    }

    @Test
    void compileWhenDuplicatesThenRejected() {
        assertThat(compileYaml(HEAD + "orgs:\n  - id: a\n    roles: [{name: r}, {name: r}]\n  - id: a\n"))
                .containsExactly(new Violation("$.orgs[1].id", "duplicate organization 'a'"));
    }

    @Test
    void compileWhenGuardrailViolatedThenRejected() {
        String base = HEAD + "orgs:\n  - id: root\n    roles: [{name: viewer, permissions: ['invoice:read']}]\n"
                + "    delegation: {permissions: ['invoice:read']}\n";
        assertThat(compileYaml(base + "  - id: child\n    parent: root\n    roles: [{name: payer, permissions: "
                + "['invoice:pay']}]\n")).containsExactly(new Violation("$.orgs[1].roles[0].permissions[0]",
                "permission 'invoice:pay' is not delegated by parent organization 'root'"));
        assertThat(compileYaml(base + "  - id: child\n    parent: root\n    roles: [{name: viewer, permissions: "
                + "['invoice:read']}]\n")).containsExactly(new Violation("$.orgs[1].roles[0].name",
                "role 'viewer' is defined by organization 'root', which does not let descendants override it"));
        assertThat(compileYaml(base + "  - id: child\n    parent: root\n    delegation: {permissions: ['invoice:*']}\n"))
                .containsExactly(new Violation("$.orgs[1].delegation.permissions[0]",
                        "delegates more than parent organization 'root' delegated"));
    }

    @Test
    void compileWhenCelConditionBrokenThenPathOfTheCondition() {
        List<Violation> v = compileYaml(HEAD + "orgs:\n  - id: a\n    roles:\n      - name: r\n        permissions:\n"
                + "          - {pattern: 'invoice:read', condition: 'resource.owner =='}\n"
                + "          - {pattern: 'invoice:pay', condition: '1 + 2'}\n");
        assertThat(v).hasSize(2);
        assertThat(v.get(0).path()).isEqualTo("$.orgs[0].roles[0].permissions[0].condition");
        assertThat(v.get(0).reason()).startsWith("CEL: ");
        assertThat(v.get(1).path()).isEqualTo("$.orgs[0].roles[0].permissions[1].condition");
        assertThat(v.get(1).reason()).contains("must yield a bool");
    }

    @Test
    void compileWhenGrantInvalidThenRejected() {
        assertThat(compileYaml(HEAD + "orgs:\n  - {id: a, roles: [{name: r}]}\n  - {id: b, parent: a}\n  - {id: c}\n"
                + "grants:\n  - {id: g1, grantor: a, grantee: b, roles: [r]}\n"
                + "  - {id: g2, grantor: a, grantee: c, roles: [boss]}\n"
                + "  - {id: g3, grantor: a, grantee: zz, roles: [r]}\n"))
                .containsExactly(
                        new Violation("$.grants[0].grantee",
                                "a cross-organization grant names an organization outside the grantor's line"),
                        new Violation("$.grants[1].roles[0]",
                                "role 'boss' is not defined at or inherited by the grantor 'a'"),
                        new Violation("$.grants[2].grantee", "unknown organization 'zz'"));
    }

    @Test
    void schemaResourceWhenLoadedThenDescribesTheSameTopLevelMembers() {
        String schema = AuthzFixtures.resource(PolicyDocument.SCHEMA_RESOURCE);
        assertThat(schema).contains("\"$schema\"", "\"partnerid.authz/v1\"", "\"resourceTypes\"", "\"endpoints\"",
                "\"orgs\"", "\"grants\"", "\"delegation\"", "\"ceiling\"", "\"condition\"");
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(schema); // valid JSON
    }
}
