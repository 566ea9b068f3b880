package io.partnerid.authz.engine;

import io.partnerid.authz.AuthorizationRequest;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Reason;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.core.org.OrgId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy decision point: decides requests against an immutable compiled {@link PolicySnapshot}, explains
 * decisions, and swaps in new policy versions atomically.
 *
 * <p>Thread-safe. Decisions are lock-free reads of the current snapshot; {@link #load} and {@link #replaceGrants}
 * compile outside any lock and publish the new snapshot with one atomic write (writers are serialized among
 * themselves). A decision never sees half a version.
 *
 * <p>Rules, in order: unknown organizations, resource types or actions deny; a deny rule set at any ancestor of the
 * subject's or of the resource's organization (or at the organization itself) denies and cannot be overridden;
 * otherwise a role assignment permits when its role (resolved at the assignment's organization, nearest definition
 * wins) covers the action, the resource lies in the assignment's reach, the action is within the ceilings of the
 * subject's and of the resource's organizations, and its condition (if any) holds. Without an explicit
 * cross-organization grant, a subject only ever reaches resources of its own organization's subtree.
 *
 * <p>Conditions have bounded cost. A policy is refused at compile time when a condition nests comprehensions
 * ({@code all}, {@code exists}, {@code exists_one}, {@code map}, {@code filter}) more than
 * {@value #MAX_COMPREHENSION_NESTING} deep; one evaluation of a condition runs at most
 * {@value #MAX_CONDITION_ITERATIONS} comprehension iterations in all; and a condition that meets a request attribute
 * (list or map) of more than {@value #MAX_ATTRIBUTE_ELEMENTS} elements, or a string of more than
 * {@value #MAX_ATTRIBUTE_STRING_LENGTH} characters, stops. Either way the condition fails closed (a permission
 * condition grants nothing, a deny condition denies) and the decision, when it ends up a deny, carries the reason
 * {@code condition.limit_exceeded}. Hosts should refuse oversized input before it gets here (the AuthZEN codec
 * does).
 *
 * <pre>{@code
 * PolicyEngine engine = PolicyEngine.create(clock, PolicyDocuments.fromYaml(yaml));
 * Decision d = engine.decide(AuthorizationRequest.of(subject, "read", Resource.of("invoice", "42", org)));
 * }</pre>
 */
public final class PolicyEngine {

    /** The deepest nesting of comprehension macros a condition may have; deeper ones are refused at compile time. */
    public static final int MAX_COMPREHENSION_NESTING = 2;

    /** The comprehension iterations one evaluation of one condition may run, over all its comprehensions. */
    public static final int MAX_CONDITION_ITERATIONS = 10_000;

    /** The most elements a list or map attribute may have for a CEL condition to read it. */
    public static final int MAX_ATTRIBUTE_ELEMENTS = 1_000;

    /** The longest string attribute (in UTF-16 chars) a CEL condition reads. */
    public static final int MAX_ATTRIBUTE_STRING_LENGTH = 8_192;

    private static final Decision.Deny UNKNOWN_SUBJECT_ORG = Decision.deny(new Reason("unknown.subject_org",
            "the subject's organization is not in the policy"));
    private static final Decision.Deny UNKNOWN_RESOURCE_ORG = Decision.deny(new Reason("unknown.resource_org",
            "the resource's organization is not in the policy"));
    private static final Decision.Deny UNKNOWN_ACTION = Decision.deny(new Reason("unknown.action",
            "the resource type or action is not declared in the policy"));
    private static final Decision.Deny CONDITIONAL_DENY_ERROR = Decision.deny(new Reason("deny.condition_error",
            "a deny condition could not be evaluated; failing closed"));
    private static final Decision.Deny NO_PERMISSION = Decision.deny(Reason.NO_MATCHING_PERMISSION);
    private static final Decision.Deny CONDITION_LIMIT_EXCEEDED = Decision.deny(new Reason(
            "condition.limit_exceeded", "a condition met a request attribute over the size limits or ran out of "
            + "its iteration budget; failing closed"));

    private final Clock clock;
    private final AtomicReference<PolicySnapshot> current;
    private final Object writeLock = new Object();

    private PolicyEngine(Clock clock, PolicySnapshot first) {
        this.clock = clock;
        this.current = new AtomicReference<>(first);
    }

    /**
     * Compiles the document and returns an engine on it.
     *
     * @throws io.partnerid.authz.policy.PolicyValidationException if the document is invalid
     */
    public static PolicyEngine create(Clock clock, PolicyDocument document) {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(document, "document");
        return new PolicyEngine(clock, Compiler.compile(document, 1));
    }

    /** The snapshot decisions currently read. */
    public PolicySnapshot snapshot() {
        return current.get();
    }

    /**
     * Compiles a new version and swaps it in atomically; on a validation error the current version stays.
     *
     * @return the new snapshot
     * @throws io.partnerid.authz.policy.PolicyValidationException if the document is invalid
     */
    public PolicySnapshot load(PolicyDocument document) {
        Objects.requireNonNull(document, "document");
        synchronized (writeLock) {
            PolicySnapshot next = Compiler.compile(document, current.get().version() + 1);
            current.set(next);
            return next;
        }
    }

    /**
     * Replaces the cross-organization grants, keeping everything else; assignments naming a grant that is gone stop
     * counting with the very next decision.
     *
     * @return the new snapshot
     */
    public PolicySnapshot replaceGrants(List<GrantDef> grants) {
        Objects.requireNonNull(grants, "grants");
        synchronized (writeLock) {
            PolicySnapshot base = current.get();
            PolicySnapshot next = Compiler.withGrants(base, grants, base.version() + 1);
            current.set(next);
            return next;
        }
    }

    /** The transaction class of an action, if declared. */
    public Optional<TransactionType> transactionType(String resourceType, String action) {
        PolicySnapshot s = current.get();
        int bit = s.space.index(resourceType, action);
        return bit < 0 ? Optional.empty() : Optional.of(s.space.transaction(bit));
    }

    /** The resource type and action an API call maps to, if any endpoint pattern matches. */
    public Optional<EndpointMatch> endpoint(String method, String path) {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        String[] segments = path.equals("/") || path.isEmpty() ? new String[0]
                : (path.startsWith("/") ? path.substring(1) : path).split("/", -1);
        for (Compiled.Endpoint e : current.get().endpoints) {
            if (!e.method().equals(method)) {
                continue;
            }
            if (e.rest() ? segments.length < e.segments().length : segments.length != e.segments().length) {
                continue;
            }
            Map<String, String> params = new HashMap<>();
            boolean ok = true;
            for (int i = 0; i < e.segments().length && ok; i++) {
                String pattern = e.segments()[i];
                if (pattern.startsWith("{") && pattern.endsWith("}")) {
                    ok = !segments[i].isEmpty();
                    params.put(pattern.substring(1, pattern.length() - 1), segments[i]);
                } else {
                    ok = pattern.equals(segments[i]);
                }
            }
            if (ok) {
                return Optional.of(new EndpointMatch(e.resourceType(), e.action(), params));
            }
        }
        return Optional.empty();
    }

    /** Decides one request against the current snapshot. Lock-free. */
    public Decision decide(AuthorizationRequest request) {
        return decide(current.get(), request);
    }

    private Decision decide(PolicySnapshot s, AuthorizationRequest request) {
        FlatIndex f = s.flat;
        String subjectOrg = request.subject().org().value();
        String resourceOrg = request.resource().org().value();
        int ss = f.firstSlot(subjectOrg);
        int rs = f.firstSlot(resourceOrg);
        long sk = f.head(ss); // both records start loading before either is compared
        long rk = f.head(rs);
        // What depends on the request alone (the permission bit, the first two role names) is resolved before
        // anything branches on the records, so that its own cache misses are under way while the records load
        // rather than after a mispredicted branch that had to wait for them.
        int bit = f.bit(request.resource().type(), request.action());
        List<RoleAssignment> roles = request.subject().roles();
        int n = roles.size();
        int k0 = n > 0 ? f.roleName(roles.get(0).role()) : -1;
        int k1 = n > 1 ? f.roleName(roles.get(1).role()) : -1;
        int so = f.resolve(subjectOrg, ss, sk);
        if (so < 0) {
            return UNKNOWN_SUBJECT_ORG;
        }
        int ro = f.resolve(resourceOrg, rs, rk);
        if (ro < 0) {
            return UNKNOWN_RESOURCE_ORG;
        }
        if (bit < 0) {
            return UNKNOWN_ACTION;
        }
        if (f.denied(so, bit) || f.denied(ro, bit)) {
            return denyDecision(s, f.orgs[so], f.orgs[ro], bit);
        }
        Activation activation = null;
        if (f.hasConditionalDenies(so) || f.hasConditionalDenies(ro)) {
            activation = new Activation(request, s.space.transaction(bit).wireName());
            Decision d = conditionalDeny(f.orgs[so], bit, activation);
            if (d == null && ro != so) {
                d = conditionalDeny(f.orgs[ro], bit, activation);
            }
            if (d != null) {
                return d;
            }
        }
        if (!f.withinCeiling(so, bit)) {
            return f.orgs[so].ceilingDeny();
        }
        if (!f.withinCeiling(ro, bit)) {
            return f.orgs[ro].ceilingDeny();
        }
        Instant now = null;
        for (int i = 0; i < n; i++) {
            RoleAssignment a = roles.get(i);
            List<Compiled.Conditional> conds;
            if (a.grantId().isPresent()) {
                Compiled.Grant g = s.grants.get(a.grantId().get());
                if (g == null || !g.roles().contains(a.role())
                        || !g.grantee().isAncestorOrSelfOf(f.orgs[so])
                        || !g.grantor().isAncestorOrSelfOf(f.orgs[ro])
                        || (g.typeBits() != null && !Bits.get(g.typeBits(), bit))) {
                    continue;
                }
                if (g.bounded()) {
                    if (now == null) {
                        now = clock.instant();
                    }
                    if (!g.activeAt(now)) {
                        continue;
                    }
                }
                Compiled.Role role = g.grantor().roles().get(a.role());
                if (role == null || (role.scope() == RoleDef.Scope.ORG && g.grantor() != f.orgs[ro])) {
                    continue;
                }
                if (Bits.get(role.bits(), bit)) {
                    return role.permit();
                }
                conds = role.conditionals();
            } else {
                int scope = a.scope().isEmpty() ? so : f.org(a.scope().get());
                if (scope < 0 || !f.isAncestorOrSelf(so, scope) || !f.isAncestorOrSelf(scope, ro)) {
                    continue;
                }
                int k = i == 0 ? k0 : i == 1 ? k1 : f.roleName(a.role());
                int shape = k < 0 ? -1 : f.shapeAt(scope, k);
                if (shape < 0 || (f.shapeOrgScoped(shape) && scope != ro)) {
                    continue;
                }
                if (f.shapeGrants(shape, bit)) {
                    return f.permit(f.roleAt(scope, k));
                }
                if (!f.shapeMayGrant(shape, bit)) {
                    continue;
                }
                conds = f.roles[f.roleAt(scope, k)].conditionals();
            }
            for (int j = 0, m = conds.size(); j < m; j++) {
                Compiled.Conditional c = conds.get(j);
                if (Bits.get(c.bits(), bit)) {
                    if (activation == null) {
                        activation = new Activation(request, s.space.transaction(bit).wireName());
                    }
                    if (c.condition().evaluate(activation).orElse(false)) {
                        return c.permit();
                    }
                }
            }
        }
        return activation != null && activation.limitExceeded() ? CONDITION_LIMIT_EXCEEDED : NO_PERMISSION;
    }

    private static Decision denyDecision(PolicySnapshot s, Compiled.Org so, Compiled.Org ro, int bit) {
        for (Compiled.Org start : List.of(ro, so)) {
            for (Compiled.Org o = start; o != null; o = o.parent().map(s.orgs::get).orElse(null)) {
                for (Compiled.Deny d : o.localDenies()) {
                    if (d.condition().isEmpty() && Bits.get(d.bits(), bit)) {
                        return d.deny();
                    }
                }
            }
        }
        return Decision.deny(new Reason("deny.rule", "an inherited deny rule"));
    }

    private static Decision conditionalDeny(Compiled.Org o, int bit, Activation activation) {
        for (Compiled.Deny d : o.conditionalDenies()) {
            if (Bits.get(d.bits(), bit)) {
                Optional<Boolean> r = d.condition().get().evaluate(activation);
                if (r.isEmpty()) {
                    return activation.limitExceeded() ? CONDITION_LIMIT_EXCEEDED : CONDITIONAL_DENY_ERROR;
                }
                if (r.get()) {
                    return d.deny();
                }
            }
        }
        return null;
    }

    /**
     * Explains a request: every ceiling, deny rule and role along the organization paths of the subject and of the
     * resource (and of the grantors of the subject's grants), whether it applied and why. Slower than
     * {@link #decide}; for support tools and audits.
     */
    public Explanation explain(AuthorizationRequest request) {
        PolicySnapshot s = current.get();
        Decision decision = decide(s, request);
        List<Explanation.Step> steps = new ArrayList<>();
        Compiled.Org so = s.orgs.get(request.subject().org());
        Compiled.Org ro = s.orgs.get(request.resource().org());
        int bit = s.space.index(request.resource().type(), request.action());
        String perm = request.resource().type() + ":" + request.action();
        if (so == null || ro == null || bit < 0) {
            OrgId where = so == null ? request.subject().org() : request.resource().org();
            steps.add(new Explanation.Step(where, "lookup", Explanation.Outcome.APPLIED,
                    decision.reasons().get(0).detail()));
            return new Explanation(decision, steps);
        }
        List<Compiled.Org> considered = new ArrayList<>();
        addPath(s, ro, considered);
        addPath(s, so, considered);
        for (RoleAssignment a : request.subject().roles()) {
            a.grantId().map(s.grants::get).ifPresent(g -> addPath(s, g.grantor(), considered));
        }
        Activation activation = new Activation(request, s.space.transaction(bit).wireName());
        for (Compiled.Org o : considered) {
            boolean onResourcePath = o.isAncestorOrSelfOf(ro);
            boolean onSubjectPath = o.isAncestorOrSelfOf(so);
            if (o.ownCeiling() != null) {
                boolean relevant = onResourcePath || onSubjectPath;
                boolean cuts = relevant && !Bits.get(o.ownCeiling(), bit);
                steps.add(new Explanation.Step(o.id(), "ceiling", cuts ? Explanation.Outcome.APPLIED
                        : Explanation.Outcome.NOT_APPLICABLE, !relevant ? "not an ancestor of the subject or resource"
                        : cuts ? perm + " is outside the ceiling; the subtree cannot be permitted it"
                        : perm + " is within the ceiling"));
            }
            for (Compiled.Deny d : o.localDenies()) {
                String rule = "deny " + d.id();
                if (!onResourcePath && !onSubjectPath) {
                    steps.add(na(o, rule, "the organization is not an ancestor of the subject or the resource"));
                } else if (!Bits.get(d.bits(), bit)) {
                    steps.add(na(o, rule, "its pattern does not cover " + perm));
                } else if (d.condition().isPresent()
                        && !d.condition().get().evaluate(activation).orElse(true)) {
                    steps.add(na(o, rule, "its condition '" + d.condition().get().expression() + "' is false"));
                } else {
                    steps.add(new Explanation.Step(o.id(), rule, Explanation.Outcome.APPLIED,
                            "denies " + perm + " for the whole subtree; descendants cannot override it"));
                }
            }
            for (Compiled.Role r : o.localRoles()) {
                steps.add(explainRole(s, o, r, request, so, ro, bit, perm, activation, decision));
            }
        }
        return new Explanation(decision, steps);
    }

    private static Explanation.Step na(Compiled.Org o, String rule, String why) {
        return new Explanation.Step(o.id(), rule, Explanation.Outcome.NOT_APPLICABLE, why);
    }

    private Explanation.Step explainRole(PolicySnapshot s, Compiled.Org definedAt, Compiled.Role r,
                                         AuthorizationRequest request, Compiled.Org so, Compiled.Org ro, int bit,
                                         String perm, Activation activation, Decision decision) {
        String rule = "role " + r.name();
        List<String> why = new ArrayList<>();
        for (RoleAssignment a : request.subject().roles()) {
            if (!a.role().equals(r.name())) {
                continue;
            }
            Compiled.Org scope;
            if (a.grantId().isPresent()) {
                Compiled.Grant g = s.grants.get(a.grantId().get());
                if (g == null) {
                    why.add("assignment via grant '" + a.grantId().get() + "' does not count: the grant is revoked or "
                            + "unknown");
                    continue;
                }
                if (!g.roles().contains(r.name())) {
                    why.add("grant '" + g.id() + "' does not include the role");
                    continue;
                }
                if (!g.grantee().isAncestorOrSelfOf(so)) {
                    why.add("grant '" + g.id() + "' is for organization " + g.grantee().id()
                            + ", not the subject's");
                    continue;
                }
                if (g.bounded() && !g.activeAt(clock.instant())) { // same rule as decide()
                    why.add("grant '" + g.id() + "' is outside its validity window");
                    continue;
                }
                scope = g.grantor();
            } else {
                scope = a.scope().isEmpty() ? so : s.orgs.get(a.scope().get());
                if (scope == null || !so.isAncestorOrSelfOf(scope)) {
                    why.add("assignment scope is outside the subject's organization subtree");
                    continue;
                }
            }
            if (scope.roles().get(r.name()) != r) {
                why.add("at " + scope.id() + " the name resolves to another definition (nearest wins)");
                continue;
            }
            if (!scope.isAncestorOrSelfOf(ro)
                    || (r.scope() == RoleDef.Scope.ORG && scope != ro)) {
                why.add("the resource's organization " + ro.id() + " is outside the assignment's reach (" + scope.id()
                        + (r.scope() == RoleDef.Scope.ORG ? " only)" : " subtree)"));
                continue;
            }
            if (Bits.get(r.bits(), bit)) {
                return new Explanation.Step(definedAt.id(), rule, decisionApplies(r.reason(), decision)
                        ? Explanation.Outcome.APPLIED : Explanation.Outcome.NOT_APPLICABLE,
                        "grants " + perm + " (assigned at " + scope.id() + ")");
            }
            for (Compiled.Conditional c : r.conditionals()) {
                if (Bits.get(c.bits(), bit)) {
                    boolean holds = c.condition().evaluate(activation).orElse(false);
                    if (holds) {
                        return new Explanation.Step(definedAt.id(), rule, decisionApplies(c.reason(), decision)
                                ? Explanation.Outcome.APPLIED : Explanation.Outcome.NOT_APPLICABLE,
                                "grants " + perm + " because '" + c.condition().expression() + "' holds");
                    }
                    why.add("condition '" + c.condition().expression() + "' is false");
                }
            }
            why.add("does not cover " + perm);
        }
        if (why.isEmpty()) {
            why.add("the subject does not hold this role");
        }
        return na(definedAt, rule, String.join("; ", why));
    }

    private static boolean decisionApplies(Reason reason, Decision decision) {
        return decision.permitted() && decision.reasons().contains(reason);
    }

    private static void addPath(PolicySnapshot s, Compiled.Org leaf, List<Compiled.Org> into) {
        List<Compiled.Org> path = new ArrayList<>();
        for (Compiled.Org o = leaf; o != null; o = o.parent().map(s.orgs::get).orElse(null)) {
            path.add(0, o);
        }
        for (Compiled.Org o : path) {
            if (!into.contains(o)) {
                into.add(o);
            }
        }
    }
}
