package io.partnerid.authz.engine;

import dev.cel.common.ast.CelConstant;
import dev.cel.common.ast.CelExpr;
import io.partnerid.authz.AuthorizationRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A shortcut for the most common shape of condition: equality and inequality between request attributes
 * ({@code resource.ownerId == subject.id}) and string, bool or int literals, combined with {@code &&}, {@code ||}
 * and {@code !}. It reads the attributes straight from the request, without building CEL maps or running the
 * interpreter, and only answers when the CEL result is certain: both sides present and of the same type (string,
 * bool or int). In every other case (a missing attribute, mixed types, doubles, lists) it answers
 * {@link #UNDECIDED} and the caller runs the CEL program, so results are exactly CEL's.
 *
 * <p>Immutable; thread-safe.
 */
final class CelFastPath {

    static final int FALSE = 0;
    static final int TRUE = 1;
    static final int UNDECIDED = -1;

    private final Node root;

    private CelFastPath(Node root) {
        this.root = root;
    }

    /** The shortcut for an expression, or null when the expression has another shape. */
    static CelFastPath of(CelExpr expr) {
        Node n = node(expr);
        return n == null ? null : new CelFastPath(n);
    }

    /** {@link #TRUE}, {@link #FALSE}, or {@link #UNDECIDED} when CEL itself must evaluate the expression. */
    int evaluate(AuthorizationRequest request, String transaction) {
        return root.eval(request, transaction);
    }

    private interface Node {
        int eval(AuthorizationRequest request, String transaction);
    }

    private static Node node(CelExpr e) {
        if (e.exprKind().getKind() != CelExpr.ExprKind.Kind.CALL || e.call().target().isPresent()) {
            return null;
        }
        String fn = e.call().function();
        List<CelExpr> args = e.call().args();
        if (fn.equals("!_") && args.size() == 1) {
            Node inner = node(args.get(0));
            return inner == null ? null : (r, t) -> {
                int v = inner.eval(r, t);
                return v == UNDECIDED ? UNDECIDED : 1 - v;
            };
        }
        if (args.size() != 2) {
            return null;
        }
        switch (fn) {
            case "_&&_", "_||_" -> {
                Node l = node(args.get(0));
                Node rn = node(args.get(1));
                if (l == null || rn == null) {
                    return null;
                }
                int shortCircuit = fn.equals("_&&_") ? FALSE : TRUE;
                return (r, t) -> {
                    int a = l.eval(r, t);
                    if (a == UNDECIDED) {
                        return UNDECIDED;
                    }
                    return a == shortCircuit ? a : rn.eval(r, t);
                };
            }
            case "_==_", "_!=_" -> {
                Operand a = operand(args.get(0));
                Operand b = operand(args.get(1));
                if (a == null || b == null) {
                    return null;
                }
                boolean equal = fn.equals("_==_");
                return (r, t) -> {
                    Object x = a.value(r, t);
                    Object y = b.value(r, t);
                    if (x == null || y == null || x.getClass() != y.getClass()) {
                        return UNDECIDED;
                    }
                    return x.equals(y) == equal ? TRUE : FALSE;
                };
            }
            default -> {
                return null;
            }
        }
    }

    /** A side of a comparison: a String, Boolean or Long, or null when the fast path cannot tell. */
    private interface Operand {
        Object value(AuthorizationRequest request, String transaction);
    }

    private static Operand operand(CelExpr e) {
        switch (e.exprKind().getKind()) {
            case CONSTANT -> {
                CelConstant c = e.constant();
                Object v = switch (c.getKind()) {
                    case STRING_VALUE -> c.stringValue();
                    case BOOLEAN_VALUE -> c.booleanValue();
                    case INT64_VALUE -> c.int64Value();
                    default -> null;
                };
                return v == null ? null : (r, t) -> v;
            }
            case SELECT -> {
                CelExpr.CelSelect s = e.select();
                if (s.testOnly() || s.operand().exprKind().getKind() != CelExpr.ExprKind.Kind.IDENT) {
                    return null;
                }
                String field = s.field();
                return switch (s.operand().ident().name()) {
                    case "subject" -> switch (field) {
                        case "id" -> (r, t) -> r.subject().id();
                        case "org" -> (r, t) -> r.subject().org().value();
                        case "roles" -> null;
                        default -> (r, t) -> scalar(r.subject().attributes(), field);
                    };
                    case "resource" -> switch (field) {
                        case "type" -> (r, t) -> r.resource().type();
                        case "id" -> (r, t) -> r.resource().id();
                        case "org" -> (r, t) -> r.resource().org().value();
                        default -> (r, t) -> scalar(r.resource().attributes(), field);
                    };
                    case "action" -> switch (field) {
                        case "name" -> (r, t) -> r.action();
                        case "transaction" -> (r, t) -> t;
                        default -> null;
                    };
                    case "context" -> (r, t) -> scalar(r.context(), field);
                    default -> null;
                };
            }
            default -> {
                return null;
            }
        }
    }

    /** The attribute as CEL sees it when it is a string, bool or int; null otherwise (absent, or another type). */
    private static Object scalar(Map<String, Object> attributes, String name) {
        Object v = attributes.get(Objects.requireNonNull(name));
        if (v instanceof String || v instanceof Boolean || v instanceof Long) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        return null;
    }
}
