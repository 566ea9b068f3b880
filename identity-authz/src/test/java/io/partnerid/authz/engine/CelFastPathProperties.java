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
            "resource.type", "resource.id", "resource.org", "resource.ownerId", "resource.classification",
            "resource.level", "action.name", "action.transaction", "action.other", "context.ip", "context.flag",
            "context.n", "'internal'", "'secret'", "'u1'", "'read'", "true", "false", "1", "2", "1.5", "u'x'");
    private static final List<Object> VALUES = List.of("u1", "u2", "internal", "secret", "read", true, false, 1, 2L,
            (short) 2, 1.5, 2.0f, List.of("a"), Map.of("k", "v"));

    @Property(tries = 400)
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
        assertThat(((CelCondition) CelCondition.compile("'r1' in subject.roles")).hasFastPath()).isFalse();
        assertThat(((CelCondition) CelCondition.compile("subject.id + 'x' == 'u1x'")).hasFastPath()).isFalse();
        assertThat(((CelCondition) CelCondition.compile("resource.level > 1")).hasFastPath()).isFalse();
    }

    @Test
    void evaluateWhenAttributeIsMissingThenFailsLikeCel() {
        CelCondition c = (CelCondition) CelCondition.compile("resource.ownerId != 'u1'");
        AuthorizationRequest request = AuthorizationRequest.of(Subject.of("u1", OrgId.of("o1"), List.of()), "read",
                Resource.of("doc", "1", OrgId.of("o1")));

        assertThat(c.evaluate(new Activation(request, "read"))).isEmpty();
    }

    private static String expression(Random rnd, int depth) {
        int kind = depth == 0 ? 0 : rnd.nextInt(5);
        return switch (kind) {
            case 1 -> "(" + expression(rnd, depth - 1) + " && " + expression(rnd, depth - 1) + ")";
            case 2 -> "(" + expression(rnd, depth - 1) + " || " + expression(rnd, depth - 1) + ")";
            case 3 -> "!" + "(" + expression(rnd, depth - 1) + ")";
            default -> OPERANDS.get(rnd.nextInt(OPERANDS.size())) + (rnd.nextBoolean() ? " == " : " != ")
                    + OPERANDS.get(rnd.nextInt(OPERANDS.size()));
        };
    }

    private static AuthorizationRequest request(Random rnd) {
        Subject s = new Subject(rnd.nextBoolean() ? "u1" : "u2", OrgId.of(rnd.nextBoolean() ? "o1" : "o2"),
                List.of(RoleAssignment.of("r1")), attributes(rnd, "tier", "id"));
        Resource r = new Resource(rnd.nextBoolean() ? "doc" : "read", "secret", OrgId.of("o1"),
                attributes(rnd, "ownerId", "classification", "level", "type"));
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
