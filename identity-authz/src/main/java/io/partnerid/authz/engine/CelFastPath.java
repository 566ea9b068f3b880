package io.partnerid.authz.engine;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.RoleAssignment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Native evaluation of the subset of CEL that authorization conditions mostly use, straight from the request,
 * without building CEL maps or running the interpreter:
 * <ul>
 *   <li>request attributes by field or index ({@code resource.ownerId}, {@code resource['ownerId']}) of
 *       {@code subject}, {@code resource}, {@code action} and {@code context}, and {@code has(x.field)};</li>
 *   <li>string, bool and int literals, and list literals of them;</li>
 *   <li>{@code ==} and {@code !=}; {@code <}, {@code <=}, {@code >}, {@code >=} between ints;</li>
 *   <li>int arithmetic ({@code +}, {@code -}, {@code *}, {@code /}, {@code %}, unary {@code -}; overflow and
 *       division by zero are left to CEL), string concatenation, and {@code size} of strings and lists;</li>
 *   <li>{@code in} over a list literal, a list attribute or {@code subject.roles};</li>
 *   <li>{@code startsWith}, {@code endsWith} and {@code contains} on strings;</li>
 *   <li>{@code &&}, {@code ||}, {@code !} and {@code ? :}.</li>
 * </ul>
 * It answers only when CEL's result is certain: every value it meets is a string, bool or int (or a list of one
 * such type for {@code in}), both sides of a comparison are of the same type, and nothing is absent. In every other
 * case (a missing attribute, mixed types, doubles, maps, anything it does not know) it answers {@link #UNDECIDED}
 * and the caller runs the CEL program, so results are exactly CEL's; a jqwik property compares the two on random
 * expressions and requests. Attributes over the engine's size limits ({@link PolicyEngine#MAX_ATTRIBUTE_ELEMENTS},
 * {@link PolicyEngine#MAX_ATTRIBUTE_STRING_LENGTH}) are left to CEL too, which refuses them. An expression containing any other construct gets no fast path at all.
 *
 * <p>Immutable; thread-safe.
 */
final class CelFastPath {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNDECIDED = -1;

    /** The value of a sub-expression whose CEL result is not certain. */
    private static final Object UNKNOWN = new Object();

    private final Node root;

    private CelFastPath(Node root) {
        this.root = root;
    }

    /** The fast path for an expression, or null when the expression uses a construct outside the subset. */
    static CelFastPath of(CelExpr expr) {
        Node n = node(expr);
        return n == null ? null : new CelFastPath(n);
    }

    /** {@link #TRUE}, {@link #FALSE}, or {@link #UNDECIDED} when CEL itself must evaluate the expression. */
    int evaluate(AuthorizationRequest request, String transaction) {
        Object v = root.eval(request, transaction);
        if (v instanceof Boolean b) {
            return b ? TRUE : FALSE;
        }
        return UNDECIDED;
    }

    /**
     * A compiled sub-expression. Its value is a {@code String}, {@code Boolean} or {@code Long}, a {@code List}
     * (list literals and list attributes, elements not yet checked), or {@link #UNKNOWN}.
     */
    private interface Node {
        Object eval(AuthorizationRequest request, String transaction);
    }

    private static Node node(CelExpr e) {
        return switch (e.exprKind().getKind()) {
            case CONSTANT -> constant(e.constant());
            case SELECT -> select(e.select());
            case LIST -> list(e.list().elements());
            case CALL -> call(e.call());
            default -> null;
        };
    }

    private static Node constant(CelConstant c) {
        Object v = switch (c.getKind()) {
            case STRING_VALUE -> c.stringValue();
            case BOOLEAN_VALUE -> c.booleanValue();
            case INT64_VALUE -> c.int64Value();
            default -> null;
        };
        return v == null ? null : (r, t) -> v;
    }

    private static Node list(List<CelExpr> elements) {
        List<Object> values = new ArrayList<>(elements.size());
        for (CelExpr e : elements) {
            if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CONSTANT) {
                return null;
            }
            Object v = switch (e.constant().getKind()) {
                case STRING_VALUE -> e.constant().stringValue();
                case BOOLEAN_VALUE -> e.constant().booleanValue();
                case INT64_VALUE -> e.constant().int64Value();
                default -> null;
            };
            if (v == null) {
                return null;
            }
            values.add(v);
        }
        List<Object> fixed = List.copyOf(values);
        return (r, t) -> fixed;
    }

    private static Node select(CelExpr.CelSelect s) {
        if (s.operand().exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
            return null;
        }
        String variable = s.operand().ident().name();
        return s.testOnly() ? presence(variable, s.field()) : attribute(variable, s.field());
    }

    /** {@code has(variable.field)}. */
    private static Node presence(String variable, String field) {
        return switch (variable) {
            case "subject" -> switch (field) {
                case "id", "org", "roles" -> (r, t) -> Boolean.TRUE;
                default -> (r, t) -> r.subject().attributes().containsKey(field);
            };
            case "resource" -> switch (field) {
                case "type", "id", "org" -> (r, t) -> Boolean.TRUE;
                default -> (r, t) -> r.resource().attributes().containsKey(field);
            };
            case "action" -> {
                Boolean present = field.equals("name") || field.equals("transaction");
                yield (r, t) -> present;
            }
            case "context" -> (r, t) -> r.context().containsKey(field);
            default -> null;
        };
    }

    /** {@code variable.field} or {@code variable['field']}. */
    private static Node attribute(String variable, String field) {
        return switch (variable) {
            case "subject" -> switch (field) {
                case "id" -> (r, t) -> r.subject().id();
                case "org" -> (r, t) -> r.subject().org().value();
                case "roles" -> (r, t) -> RoleNames.of(r.subject().roles());
                default -> (r, t) -> value(r.subject().attributes(), field);
            };
            case "resource" -> switch (field) {
                case "type" -> (r, t) -> r.resource().type();
                case "id" -> (r, t) -> r.resource().id();
                case "org" -> (r, t) -> r.resource().org().value();
                default -> (r, t) -> value(r.resource().attributes(), field);
            };
            case "action" -> switch (field) {
                case "name" -> (r, t) -> r.action();
                case "transaction" -> (r, t) -> t;
                default -> (r, t) -> UNKNOWN; // CEL: no such key
            };
            case "context" -> (r, t) -> value(r.context(), field);
            default -> null;
        };
    }

    private static Node call(CelExpr.CelCall call) {
        String fn = call.function();
        List<CelExpr> args = call.args();
        if (call.target().isPresent()) {
            return method(fn, call.target().get(), args);
        }
        if (fn.equals("_[_]") && args.size() == 2
                && args.get(0).exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT
                && args.get(1).exprKind().getKind() == CelExpr.ExprKind.Kind.CONSTANT
                && args.get(1).constant().getKind() == CelConstant.Kind.STRING_VALUE) {
            return attribute(args.get(0).ident().name(), args.get(1).constant().stringValue());
        }
        if (fn.equals("size") && args.size() == 1) {
            Node inner = node(args.get(0));
            return inner == null ? null : (r, t) -> size(inner.eval(r, t));
        }
        if (fn.equals("-_") && args.size() == 1) {
            Node inner = node(args.get(0));
            return inner == null ? null : (r, t) -> {
                Object v = inner.eval(r, t);
                return v instanceof Long l && l != Long.MIN_VALUE ? (Object) (-l) : UNKNOWN;
            };
        }
        if (fn.equals("!_") && args.size() == 1) {
            Node inner = node(args.get(0));
            return inner == null ? null : (r, t) -> {
                Object v = inner.eval(r, t);
                return v instanceof Boolean b ? (Object) !b : UNKNOWN;
            };
        }
        if (fn.equals("_?_:_") && args.size() == 3) {
            Node condition = node(args.get(0));
            Node then = node(args.get(1));
            Node otherwise = node(args.get(2));
            if (condition == null || then == null || otherwise == null) {
                return null;
            }
            return (r, t) -> {
                Object c = condition.eval(r, t);
                if (!(c instanceof Boolean b)) {
                    return UNKNOWN;
                }
                return b ? then.eval(r, t) : otherwise.eval(r, t);
            };
        }
        if (args.size() != 2) {
            return null;
        }
        Node a = node(args.get(0));
        Node b = node(args.get(1));
        if (a == null || b == null) {
            return null;
        }
        return switch (fn) {
            case "_&&_" -> logical(a, b, false);
            case "_||_" -> logical(a, b, true);
            case "_==_" -> (r, t) -> equality(a.eval(r, t), b.eval(r, t), true);
            case "_!=_" -> (r, t) -> equality(a.eval(r, t), b.eval(r, t), false);
            case "_<_" -> (r, t) -> ordering(a.eval(r, t), b.eval(r, t), c -> c < 0);
            case "_<=_" -> (r, t) -> ordering(a.eval(r, t), b.eval(r, t), c -> c <= 0);
            case "_>_" -> (r, t) -> ordering(a.eval(r, t), b.eval(r, t), c -> c > 0);
            case "_>=_" -> (r, t) -> ordering(a.eval(r, t), b.eval(r, t), c -> c >= 0);
            case "@in" -> (r, t) -> membership(a.eval(r, t), b.eval(r, t));
            case "_+_" -> (r, t) -> plus(a.eval(r, t), b.eval(r, t));
            case "_-_", "_*_", "_/_", "_%_" -> (r, t) -> arithmetic(fn, a.eval(r, t), b.eval(r, t));
            default -> null;
        };
    }

    /**
     * {@code a && b} ({@code shortCircuit} false) or {@code a || b} (true). An uncertain left side leaves the whole
     * to CEL, whose {@code &&} and {@code ||} are commutative with respect to errors.
     */
    private static Node logical(Node a, Node b, boolean shortCircuit) {
        return (r, t) -> {
            Object x = a.eval(r, t);
            if (!(x instanceof Boolean bx)) {
                return UNKNOWN;
            }
            if (bx == shortCircuit) {
                return bx;
            }
            Object y = b.eval(r, t);
            return y instanceof Boolean ? y : UNKNOWN;
        };
    }

    private static Node method(String fn, CelExpr target, List<CelExpr> args) {
        if (fn.equals("size") && args.isEmpty()) {
            Node self = node(target);
            return self == null ? null : (r, t) -> size(self.eval(r, t));
        }
        if (args.size() != 1 || !(fn.equals("startsWith") || fn.equals("endsWith") || fn.equals("contains"))) {
            return null;
        }
        Node self = node(target);
        Node arg = node(args.get(0));
        if (self == null || arg == null) {
            return null;
        }
        return (r, t) -> {
            Object s = self.eval(r, t);
            Object x = arg.eval(r, t);
            if (!(s instanceof String str) || !(x instanceof String part)) {
                return UNKNOWN;
            }
            return switch (fn) {
                case "startsWith" -> str.startsWith(part);
                case "endsWith" -> str.endsWith(part);
                default -> str.contains(part);
            };
        };
    }

    /** CEL's {@code size}: code points of a string, elements of a list. */
    private static Object size(Object v) {
        if (v instanceof String str) {
            return (long) str.codePointCount(0, str.length());
        }
        if (v instanceof RoleNames roles) {
            return (long) roles.assignments().size();
        }
        if (v instanceof List<?> list) {
            return (long) list.size();
        }
        return UNKNOWN;
    }

    /** {@code +} on two ints (an overflow is a CEL error) or two strings (concatenation). */
    private static Object plus(Object x, Object y) {
        if (x instanceof String a && y instanceof String b) {
            return a.concat(b);
        }
        return arithmetic("_+_", x, y);
    }

    /** Int arithmetic as CEL does it: overflow and division by zero are errors, left to CEL. */
    private static Object arithmetic(String fn, Object x, Object y) {
        if (!(x instanceof Long a) || !(y instanceof Long b)) {
            return UNKNOWN;
        }
        try {
            return switch (fn) {
                case "_+_" -> Math.addExact(a, b);
                case "_-_" -> Math.subtractExact(a, b);
                case "_*_" -> Math.multiplyExact(a, b);
                default -> {
                    if (b == 0 || (a == Long.MIN_VALUE && b == -1)) {
                        yield UNKNOWN;
                    }
                    yield fn.equals("_/_") ? (Object) (a / b) : (Object) (a % b);
                }
            };
        } catch (ArithmeticException overflow) {
            return UNKNOWN;
        }
    }

    private static Object equality(Object x, Object y, boolean equal) {
        if (!scalar(x) || !scalar(y) || x.getClass() != y.getClass()) {
            return UNKNOWN;
        }
        return x.equals(y) == equal;
    }

    private interface Comparison {
        boolean test(int compared);
    }

    private static Object ordering(Object x, Object y, Comparison comparison) {
        if (x instanceof Long a && y instanceof Long b) {
            return comparison.test(Long.compare(a, b));
        }
        return UNKNOWN;
    }

    private static Object membership(Object needle, Object haystack) {
        if (!scalar(needle)) {
            return UNKNOWN;
        }
        if (haystack instanceof RoleNames roles) {
            return needle instanceof String name ? roles.contains(name) : UNKNOWN;
        }
        if (!(haystack instanceof List<?> list)) {
            return UNKNOWN;
        }
        boolean found = false;
        for (int i = 0, n = list.size(); i < n; i++) {
            Object element = celScalar(list.get(i));
            if (element == null || element.getClass() != needle.getClass() || overlong(element)) {
                return UNKNOWN; // a mixed list: leave CEL's heterogeneous equality to CEL
            }
            found |= element.equals(needle);
        }
        return found;
    }

    private static boolean scalar(Object v) {
        return v instanceof String || v instanceof Boolean || v instanceof Long;
    }

    /**
     * An attribute as the fast path sees it: a string, bool or int as CEL sees it, a list (elements checked where
     * used), or {@link #UNKNOWN} (absent, or another type).
     */
    private static Object value(Map<String, Object> attributes, String name) {
        Object v = attributes.get(name);
        if (v instanceof List<?> list) {
            // over the engine's limits CEL refuses to read it (fails closed): leave it to CEL to stay exact
            return list.size() > PolicyEngine.MAX_ATTRIBUTE_ELEMENTS ? UNKNOWN : v;
        }
        Object s = celScalar(v);
        return s == null || overlong(s) ? UNKNOWN : s;
    }

    private static boolean overlong(Object v) {
        return v instanceof String str && str.length() > PolicyEngine.MAX_ATTRIBUTE_STRING_LENGTH;
    }

    /** A string, bool or int as CEL sees it (integral numbers widen to long), or null. */
    private static Object celScalar(Object v) {
        if (v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return null;
    }

    /** {@code subject.roles} without copying the assignments into a list of names. */
    private record RoleNames(List<RoleAssignment> assignments) {

        static RoleNames of(List<RoleAssignment> assignments) {
            return new RoleNames(assignments);
        }

        boolean contains(String name) {
            for (int i = 0, n = assignments.size(); i < n; i++) {
                if (assignments.get(i).role().equals(name)) {
                    return true;
                }
            }
            return false;
        }
    }
}
