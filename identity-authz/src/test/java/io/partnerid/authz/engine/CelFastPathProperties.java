package io.partnerid.authz.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.core.org.OrgId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The CEL shortcut must never change a result: whenever it answers, the CEL program answers the same, over random
 * comparisons, combinations and requests whose attributes are absent or of every type.
 */
class CelFastPathProperties {

    private static final List<String> OPERANDS = List.of("subject.id", "subject.org", "subject.tier", "subject.roles",
            "subject['tier']", "subject['roles']", "resource.type", "resource.id", "resource.org", "resource.ownerId",
            "resource.classification", "resource['classification']", "resource['id']", "resource.level",
            "resource.tags", "action.name", "action['transaction']", "action.transaction", "action.other",
            "context.ip", "context.flag", "context.n", "context['n']", "'internal'", "'secret'", "'u1'", "'read'",
            "'r1'", "'a'", "true", "false", "1", "2", "-3", "1.5", "u'x'", "2u", "['u1', 'internal']", "[1, 2]",
            "['a', 1]", "[]", "[true]", "(context.flag ? resource.level : 2)", "(context.n + 1)",
            "(resource.level - context.n)", "(context.n * 9223372036854775807)", "(resource.level / context.n)",
            "(context.n % 2)", "-context.n", "(subject.id + 'x')", "size(subject.id)", "subject.roles.size()",
            "size(resource.tags)", "size(context.flag)", "size(resource.classification)", "context.ip.size()");
    private static final List<String> COMPARISONS = List.of(" == ", " != ", " < ", " <= ", " > ", " >= ", " in ");
    private static final List<String> LEAVES = List.of("has(resource.ownerId)", "has(subject.id)",
            "has(subject.tier)", "has(context.flag)", "has(action.other)", "has(action.name)", "context.flag",
            "resource['classification']", "true", "subject.id.startsWith('u')", "resource.ownerId.endsWith('1')",
            "resource.classification.contains('ecr')", "context.ip.startsWith(subject.id)");
    private static final List<Object> VALUES = List.of("u1", "u2", "internal", "secret", "read", "a", "r1", true,
            false, 1, 2L, -3L, 0L, Long.MIN_VALUE, (short) 2, 1.5, 2.0f, "\uD83D\uDE00x", List.of("a"),
            List.of("u1", "secret"), List.of(1, 2L),
            List.of("a", 1), List.of(), java.util.Set.of("a"), Map.of("k", "v"));

    @Property(tries = 600)
    void evaluateWhenShortcutAnswersThenCelAgrees(@ForAll long seed) {
        Random rnd = new Random(seed);
        for (int k = 0; k < 10; k++) {
            String expr = expression(rnd, 3);
            Object compiled = CelCondition.compile(expr);
            if (!(compiled instanceof CelCondition c)) {
                continue; // a type error (e.g. 1 == 'a'), rejected at compile time either way
            }
            AuthorizationRequest request = request(rnd);
            String tx = rnd.nextBoolean() ? "read" : "write";
            assertThat(c.evaluate(new Activation(request, tx)))
                    .as("%s on %s", expr, request).isEqualTo(c.interpret(new Activation(request, tx)));
        }
    }

    /** Guards the property above against vacuity: the fast path must actually answer a good share of the cases. */
    @Test
    void evaluateWhenRandomExpressionsThenFastPathAnswersManyOfThem() throws Exception {
        Random rnd = new Random(11);
        int compiled = 0;
        int withFastPath = 0;
        int answered = 0;
        for (int k = 0; k < 4000; k++) {
            String expr = expression(rnd, 2);
            if (!(CelCondition.compile(expr) instanceof CelCondition c)) {
                continue;
            }
            compiled++;
            if (!c.hasFastPath()) {
                continue;
            }
            withFastPath++;
            CelFastPath f = fastPath(expr);
            if (f.evaluate(request(rnd), "read") != CelFastPath.UNDECIDED) {
                answered++;
            }
        }
        assertThat(withFastPath).isGreaterThan(compiled / 2);
        assertThat(answered).as("answered of %d with a fast path, %d compiled", withFastPath, compiled)
                .isGreaterThan(withFastPath / 10);
    }

    private static CelFastPath fastPath(String expr) throws Exception {
        return CelFastPath.of(dev.cel.compiler.CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(dev.cel.parser.CelStandardMacro.STANDARD_MACROS).addVar("subject", MAP)
                .addVar("resource", MAP).addVar("action", MAP).addVar("context", MAP)
                .build().compile(expr).getAst().getExpr());
    }

    private static final dev.cel.common.types.MapType MAP = dev.cel.common.types.MapType.create(
            dev.cel.common.types.SimpleType.STRING, dev.cel.common.types.SimpleType.DYN);

    @Test
    void evaluateWhenSimpleComparisonsThenShortcutDecidesManyRandomCases() throws Exception {
        CelFastPath f = CelFastPath.of(dev.cel.compiler.CelCompilerFactory.standardCelCompilerBuilder()
                .addVar("resource", dev.cel.common.types.MapType.create(dev.cel.common.types.SimpleType.STRING,
                        dev.cel.common.types.SimpleType.DYN))
                .addVar("subject", dev.cel.common.types.MapType.create(dev.cel.common.types.SimpleType.STRING,
                        dev.cel.common.types.SimpleType.DYN))
                .build().compile("resource.ownerId == subject.id").getAst().getExpr());
        Random rnd = new Random(7);
        int decided = 0;
        for (int k = 0; k < 2000; k++) {
            if (f.evaluate(request(rnd), "read") != CelFastPath.UNDECIDED) {
                decided++;
            }
        }
        assertThat(decided).isGreaterThan(300);
    }

    @Test
    void compileWhenShapeIsOutsideTheShortcutThenOnlyTheInterpreterRuns() {
        assertThat(((CelCondition) CelCondition.compile("resource.ownerId == subject.id && !(context.ip == '1')"))
                .hasFastPath()).isTrue();
        assertThat(((CelCondition) CelCondition.compile("'r1' in subject.roles && resource.level > 1"))
                .hasFastPath()).isTrue();
        assertThat(((CelCondition) CelCondition.compile("subject.id + 'x' == 'u1x' && size(subject.roles) > 1"))
                .hasFastPath()).isTrue();
        assertThat(((CelCondition) CelCondition.compile("string(resource.level) == '1'")).hasFastPath()).isFalse();
        assertThat(((CelCondition) CelCondition.compile("resource.level > 1.5")).hasFastPath()).isFalse();
        assertThat(((CelCondition) CelCondition.compile("subject.roles.exists(r, r == 'a')")).hasFastPath())
                .isFalse();
    }

    /** The examples of docs/authz.md's table of the natively evaluated subset. */
    @Test
    void compileWhenDocumentedExampleThenFastPathAnswersIt() throws Exception {
        AuthorizationRequest request = new AuthorizationRequest(
                new Subject("u1", OrgId.of("o1"), List.of(RoleAssignment.of("auditor")), Map.of()), "read",
                new Resource("doc", "d1", OrgId.of("o1"), Map.of("ownerId", "u1", "owner-id", "u1",
                        "path", "/public/a", "classification", "internal")),
                Map.of("mfa", false, "hour", 10));
        for (String expr : List.of("resource['owner-id'] == subject.id && has(context.mfa)",
                "'eu' in ['eu', 'us']", "resource.ownerId == subject.id && context.hour >= 9",
                "'auditor' in subject.roles", "resource.path.startsWith('/public/')",
                "context.mfa ? true : resource.classification != 'secret'", "context.hour + 1 < 18",
                "size(subject.roles) > 0")) {
            CelCondition c = (CelCondition) CelCondition.compile(expr);
            assertThat(fastPath(expr).evaluate(request, "read")).as(expr).isEqualTo(CelFastPath.TRUE);
            assertThat(c.interpret(new Activation(request, "read"))).as(expr).contains(true);
        }
    }

    @Test
    void evaluateWhenStringHasSupplementaryCharactersThenSizeCountsCodePointsLikeCel() throws Exception {
        AuthorizationRequest request = new AuthorizationRequest(Subject.of("u1", OrgId.of("o1"), List.of()), "read",
                new Resource("doc", "d1", OrgId.of("o1"), Map.of("classification", "\uD83D\uDE00x")), Map.of());
        String expr = "size(resource.classification) == 2";

        assertThat(fastPath(expr).evaluate(request, "read")).isEqualTo(CelFastPath.TRUE);
        assertThat(((CelCondition) CelCondition.compile(expr)).interpret(new Activation(request, "read")))
                .contains(true);
    }

    @Test
    void evaluateWhenAttributeIsMissingThenFailsLikeCel() {
        CelCondition c = (CelCondition) CelCondition.compile("resource.ownerId != 'u1'");
        AuthorizationRequest request = AuthorizationRequest.of(Subject.of("u1", OrgId.of("o1"), List.of()), "read",
                Resource.of("doc", "1", OrgId.of("o1")));

        assertThat(c.evaluate(new Activation(request, "read"))).isEmpty();
    }

    private static String expression(Random rnd, int depth) {
        int kind = depth == 0 ? rnd.nextInt(2) * 5 : rnd.nextInt(7);
        return switch (kind) {
            case 1 -> "(" + expression(rnd, depth - 1) + " && " + expression(rnd, depth - 1) + ")";
            case 2 -> "(" + expression(rnd, depth - 1) + " || " + expression(rnd, depth - 1) + ")";
            case 3 -> "!" + "(" + expression(rnd, depth - 1) + ")";
            case 4 -> "(" + expression(rnd, depth - 1) + " ? " + expression(rnd, depth - 1) + " : "
                    + expression(rnd, depth - 1) + ")";
            case 5 -> LEAVES.get(rnd.nextInt(LEAVES.size()));
            default -> OPERANDS.get(rnd.nextInt(OPERANDS.size()))
                    + COMPARISONS.get(rnd.nextInt(COMPARISONS.size()))
                    + OPERANDS.get(rnd.nextInt(OPERANDS.size()));
        };
    }

    private static AuthorizationRequest request(Random rnd) {
        List<RoleAssignment> roles = rnd.nextBoolean() ? List.of(RoleAssignment.of("r1"))
                : List.of(RoleAssignment.of("a"), RoleAssignment.of("r2"));
        Subject s = new Subject(rnd.nextBoolean() ? "u1" : "u2", OrgId.of(rnd.nextBoolean() ? "o1" : "o2"),
                roles, attributes(rnd, "tier", "id", "roles"));
        Resource r = new Resource(rnd.nextBoolean() ? "doc" : "read", "secret", OrgId.of("o1"),
                attributes(rnd, "ownerId", "classification", "level", "type", "tags"));
        return new AuthorizationRequest(s, rnd.nextBoolean() ? "read" : "write", r,
                attributes(rnd, "ip", "flag", "n"));
    }

    private static Map<String, Object> attributes(Random rnd, String... names) {
        Map<String, Object> m = new HashMap<>();
        for (String n : names) {
            if (rnd.nextInt(4) > 0) {
                m.put(n, VALUES.get(rnd.nextInt(VALUES.size())));
            }
        }
        return m;
    }
}
