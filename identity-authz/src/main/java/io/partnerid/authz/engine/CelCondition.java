package io.partnerid.authz.engine;

import dev.cel.common.CelErrorCode;
import dev.cel.common.CelException;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.Optional;

/**
 * A CEL condition compiled once into the snapshot and evaluated per decision. Immutable; thread-safe (CEL programs
 * are stateless).
 *
 * <p>Variables: {@code subject}, {@code resource}, {@code action}, {@code context}, each a {@code map(string, dyn)}.
 * The standard macros ({@code has}, {@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter})
 * are enabled; their nesting is limited at compile time ({@link PolicyEngine#MAX_COMPREHENSION_NESTING}) and their
 * iterations per evaluation at run time ({@link PolicyEngine#MAX_CONDITION_ITERATIONS}), so a condition over
 * request-supplied lists has bounded cost.
 */
final class CelCondition {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setOptions(CelOptions.current().maxExpressionCodePointSize(CelCondition.MAX_LENGTH).build())
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .addVar("subject", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("resource", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("action", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .addVar("context", MapType.create(SimpleType.STRING, SimpleType.DYN))
            .build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .setOptions(CelOptions.current().comprehensionMaxIterations(PolicyEngine.MAX_CONDITION_ITERATIONS)
                    .build())
            .build();

    /** The largest expression accepted, in characters. */
    static final int MAX_LENGTH = 4096;

    private static final Optional<Boolean> TRUE = Optional.of(Boolean.TRUE);
    private static final Optional<Boolean> FALSE = Optional.of(Boolean.FALSE);

    private final String expression;
    private final CelRuntime.Program program;
    private final CelFastPath fastPath;

    private CelCondition(String expression, CelRuntime.Program program, CelFastPath fastPath) {
        this.expression = expression;
        this.program = program;
        this.fastPath = fastPath;
    }

    /** Compiles the expression, or returns the reason it does not compile as the error. */
    static Object compile(String expression) {
        if (expression.length() > MAX_LENGTH) {
            return "condition longer than " + MAX_LENGTH + " characters";
        }
        CelValidationResult result = COMPILER.compile(expression);
        if (result.hasError()) {
            return "CEL: " + result.getErrorString().replace('\n', ' ');
        }
        try {
            var ast = result.getAst();
            var type = ast.getResultType();
            if (!type.equals(SimpleType.BOOL) && !type.equals(SimpleType.DYN)) {
                return "CEL: a condition must yield a bool, this one yields " + type.name();
            }
            int nesting = comprehensionNesting(ast.getExpr());
            if (nesting > PolicyEngine.MAX_COMPREHENSION_NESTING) {
                return "CEL: comprehensions (all, exists, exists_one, map, filter) are nested " + nesting
                        + " deep; at most " + PolicyEngine.MAX_COMPREHENSION_NESTING + " are allowed";
            }
            return new CelCondition(expression, RUNTIME.createProgram(ast), CelFastPath.of(ast.getExpr()));
        } catch (CelValidationException | CelEvaluationException e) {
            return "CEL: " + e.getMessage();
        }
    }

    String expression() {
        return expression;
    }

    /**
     * The result of the expression, empty on an evaluation error. Expressions within the {@link CelFastPath} subset
     * are answered natively when it is certain of CEL's result; everything else runs the CEL program.
     */
    Optional<Boolean> evaluate(Activation activation) {
        if (fastPath != null) {
            int v = fastPath.evaluate(activation.request(), activation.transaction());
            if (v != CelFastPath.UNDECIDED) {
                return v == CelFastPath.TRUE ? TRUE : FALSE;
            }
        }
        return interpret(activation);
    }

    /** True when simple comparisons of this expression can skip the CEL interpreter. */
    boolean hasFastPath() {
        return fastPath != null;
    }

    /**
     * The result of the CEL program itself, empty on an evaluation error. An error caused by a limit (the iteration
     * budget, an oversized attribute) also marks the activation, so that the decision can say so.
     */
    Optional<Boolean> interpret(Activation activation) {
        try {
            Object r = program.eval(activation);
            return r instanceof Boolean b ? (b ? TRUE : FALSE) : Optional.empty();
        } catch (CelEvaluationException | RuntimeException e) {
            if (isLimit(e)) {
                activation.markLimitExceeded();
            }
            return Optional.empty();
        }
    }

    private static boolean isLimit(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Activation.AttributeLimitException) {
                return true;
            }
            if (t instanceof CelException c && c.getErrorCode() == CelErrorCode.ITERATION_BUDGET_EXCEEDED) {
                return true;
            }
        }
        return false;
    }

    /**
     * How deeply comprehensions nest: a comprehension inside the loop of another (its condition or step, which run
     * once per iteration) counts one level deeper; one in the range, the initial value or the result (each run once)
     * does not.
     */
    static int comprehensionNesting(CelExpr e) {
        return switch (e.getKind()) {
            case SELECT -> comprehensionNesting(e.select().operand());
            case CALL -> {
                int max = e.call().target().map(CelCondition::comprehensionNesting).orElse(0);
                for (CelExpr arg : e.call().args()) {
                    max = Math.max(max, comprehensionNesting(arg));
                }
                yield max;
            }
            case LIST -> {
                int max = 0;
                for (CelExpr element : e.list().elements()) {
                    max = Math.max(max, comprehensionNesting(element));
                }
                yield max;
            }
            case MAP -> {
                int max = 0;
                for (CelExpr.CelMap.Entry entry : e.map().entries()) {
                    max = Math.max(max, Math.max(comprehensionNesting(entry.key()),
                            comprehensionNesting(entry.value())));
                }
                yield max;
            }
            case STRUCT -> {
                int max = 0;
                for (CelExpr.CelStruct.Entry entry : e.struct().entries()) {
                    max = Math.max(max, comprehensionNesting(entry.value()));
                }
                yield max;
            }
            case COMPREHENSION -> {
                CelExpr.CelComprehension c = e.comprehension();
                int loop = Math.max(comprehensionNesting(c.loopCondition()), comprehensionNesting(c.loopStep()));
                int once = Math.max(comprehensionNesting(c.iterRange()), Math.max(
                        comprehensionNesting(c.accuInit()), comprehensionNesting(c.result())));
                yield Math.max(1 + loop, once);
            }
            default -> 0;
        };
    }
}
