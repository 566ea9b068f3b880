package io.partnerid.benchmarks;

import com.cedarpolicy.BasicAuthorizationEngine;
import com.cedarpolicy.model.AuthorizationRequest;
import com.cedarpolicy.model.entity.Entity;
import com.cedarpolicy.model.policy.PolicySet;
import com.cedarpolicy.value.EntityTypeName;
import com.cedarpolicy.value.EntityUID;
import com.cedarpolicy.value.Value;
import io.partnerid.authz.Decision;
import io.partnerid.authz.Resource;
import io.partnerid.authz.RoleAssignment;
import io.partnerid.authz.Subject;
import io.partnerid.authz.engine.PolicyEngine;
import io.partnerid.authz.policy.PermissionDef;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.authz.policy.TransactionType;
import io.partnerid.core.org.OrgId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.casbin.jcasbin.main.Enforcer;
import org.casbin.jcasbin.model.Model;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One authorization workload ({@link AuthzWorkload}: 1,000 organizations × 10 roles × 100 users, role hierarchy of
 * depth 3, three-level organization inheritance) decided by our engine, by jCasbin (RBAC with domains) and by
 * cedar-java (with {@code PolicySet.cache()}), plus our engine at 10 / 1,000 / 10,000 organizations and with one CEL
 * condition per decision. Sample-time mode, so JMH reports p50/p99 per decision. For reading the growth from 10 to
 * 10,000 organizations: {@link #timerBaseline} (what the clock adds to every sampled call), the side-by-side group
 * ({@link #orgs10} and {@link #orgs10000} over the same seconds) and {@link AuthzGrowth} (interleaved pairs of forks).
 *
 * <p>Run (short): {@code java -jar benchmarks/target/benchmarks.jar AuthzBenchmark -f 1 -wi 2 -w 2s -i 3 -r 3s}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AuthzBenchmark {

    // ---------------------------------------------------------------- ours

    /**
     * The CEL condition guarding every read permission, in two spellings of the same comparison: a plain comparison,
     * which the engine evaluates natively (its CEL fast path), and one through the {@code string()} conversion,
     * which is outside the fast path's subset, so the CEL interpreter runs.
     */
    static final String CEL_COMPARISON = "resource.classification != 'secret'";
    static final String CEL_INTERPRETED = "string(resource.classification) != 'secret'";

    static PolicyDocument document(AuthzWorkload w, boolean celCondition) {
        return document(w, celCondition ? CEL_COMPARISON : null);
    }

    static PolicyDocument document(AuthzWorkload w, String celCondition) {
        Map<String, TransactionType> actions = new LinkedHashMap<>();
        actions.put("read", TransactionType.READ);
        actions.put("write", TransactionType.WRITE);
        actions.put("approve", TransactionType.WRITE);
        actions.put("admin", TransactionType.ADMIN);
        PolicyDocument.Builder b = PolicyDocument.builder("bench");
        for (int t = 0; t < AuthzWorkload.TYPES; t++) {
            b.resourceType(AuthzWorkload.type(t), actions);
        }
        for (int o = 0; o < w.orgs; o++) {
            PolicyDocument.OrgBuilder ob = PolicyDocument.org(AuthzWorkload.org(o));
            if (w.parent[o] >= 0) {
                ob.parent(AuthzWorkload.org(w.parent[o]));
            } else {
                for (int r = 0; r < AuthzWorkload.ROLES; r++) {
                    List<PermissionDef> perms = new ArrayList<>();
                    for (String[] g : AuthzWorkload.grants(r)) {
                        String pattern = g[0] + ":" + g[1];
                        perms.add(celCondition != null && g[1].equals("read")
                                ? PermissionDef.when(pattern, celCondition)
                                : PermissionDef.of(pattern));
                    }
                    int parentRole = AuthzWorkload.inherits(r);
                    ob.role(new RoleDef(AuthzWorkload.role(r), perms,
                            parentRole < 0 ? List.of() : List.of(AuthzWorkload.role(parentRole)), true,
                            RoleDef.Scope.SUBTREE));
                }
            }
            b.org(ob);
        }
        return b.build();
    }

    /**
     * The workload's requests for our engine. What differs from request to request is its own object at every size:
     * each request has its own {@link Subject} (with its own id and organization id, as a host builds one per request
     * from a token) and its own {@link Resource} (with its own organization id). What is the same in every request
     * is shared, as a host's code shares it: the resource-type and action names (constants of its routes), the
     * resource attributes, and the role assignments (one immutable list per pair of roles, 100 in all, whatever the
     * number of organizations). So the caller-side working set is the same at every organization count (4,096
     * requests of about 270 bytes each) and small enough not to crowd the engine's data out of the cache: with a
     * private copy of every shared part it was twice as large, and the benchmark then measured mostly the harness's
     * own cache misses.
     */
    static List<io.partnerid.authz.AuthorizationRequest> ourRequests(AuthzWorkload w, boolean onlyReads) {
        String[] types = new String[AuthzWorkload.TYPES];
        for (int t = 0; t < types.length; t++) {
            types[t] = AuthzWorkload.type(t);
        }
        List<List<RoleAssignment>> rolePairs = new ArrayList<>();
        for (int a = 0; a < AuthzWorkload.ROLES; a++) {
            for (int b = 0; b < AuthzWorkload.ROLES; b++) {
                rolePairs.add(List.of(RoleAssignment.of(AuthzWorkload.role(a)),
                        RoleAssignment.of(AuthzWorkload.role(b))));
            }
        }
        Map<String, Object> attributes = Map.of("classification", "internal");
        List<io.partnerid.authz.AuthorizationRequest> out = new ArrayList<>();
        for (AuthzWorkload.Req q : w.requests) {
            Subject s = Subject.of(String.format("o%05d-u%02d", q.userOrg(), q.user()),
                    OrgId.of(AuthzWorkload.org(q.userOrg())), rolePairs.get(q.roleA() * AuthzWorkload.ROLES + q.roleB()));
            String action = onlyReads ? "read" : q.action();
            int type = onlyReads ? q.roleA() % 9 : q.type();
            out.add(io.partnerid.authz.AuthorizationRequest.of(s, action,
                    new Resource(types[type], "doc", OrgId.of(AuthzWorkload.org(q.resourceOrg())), attributes)));
        }
        return out;
    }

    /**
     * A full collection between building an engine and building its requests, and after. Without it the garbage of
     * a large engine's set-up triggers young collections while the requests are being built, which copy the
     * request objects and scatter them: the same caller-side requests then cost more at 10,000 organizations than
     * at 10 for reasons outside the engine (a probe that read only the requests' fields, no organization, measured
     * 1.47× slower at 10,000 than at 10 without this, 1.18× with it). Applied to every engine's state alike.
     */
    static void settleHeap() {
        System.gc();
    }

    /** Our engine at several sizes. */
    @State(Scope.Thread)
    public static class Ours {
        @Param({"10", "1000", "10000"})
        public int orgs;
        PolicyEngine engine;
        io.partnerid.authz.AuthorizationRequest[] requests;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            AuthzWorkload w = new AuthzWorkload(orgs);
            engine = PolicyEngine.create(Clock.systemUTC(), document(w, false));
            settleHeap();
            requests = ourRequests(w, false).toArray(new io.partnerid.authz.AuthorizationRequest[0]);
            settleHeap();
        }
    }

    /**
     * Our engine at 1,000 organizations where every decision evaluates one CEL condition, answered by the engine's
     * native CEL fast path ({@code native}) or by the CEL interpreter ({@code interpreter}).
     */
    @State(Scope.Thread)
    public static class OursCel {
        @Param({"native", "interpreter"})
        public String condition;
        PolicyEngine engine;
        io.partnerid.authz.AuthorizationRequest[] requests;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            AuthzWorkload w = new AuthzWorkload(1000);
            engine = PolicyEngine.create(Clock.systemUTC(), document(w, condition.equals("native")
                    ? CEL_COMPARISON : CEL_INTERPRETED));
            settleHeap();
            requests = ourRequests(w, true).toArray(new io.partnerid.authz.AuthorizationRequest[0]);
            settleHeap();
        }
    }

    /**
     * Both ends of the growth range at once: our engine at 10 and at 10,000 organizations, built in one JVM and
     * decided by two threads over the same seconds (one per core), so that whatever the shared machine does during
     * the run affects both sizes alike. The two share the last-level cache, which separate runs do not; the figure is
     * a cross-check of {@link AuthzGrowth}, not a replacement.
     */
    @State(Scope.Group)
    public static class BothSizes {
        PolicyEngine small;
        PolicyEngine large;
        io.partnerid.authz.AuthorizationRequest[] smallRequests;
        io.partnerid.authz.AuthorizationRequest[] largeRequests;

        @Setup(Level.Trial)
        public void setUp() {
            AuthzWorkload s = new AuthzWorkload(10);
            AuthzWorkload l = new AuthzWorkload(10_000);
            small = PolicyEngine.create(Clock.systemUTC(), document(s, false));
            large = PolicyEngine.create(Clock.systemUTC(), document(l, false));
            settleHeap();
            smallRequests = ourRequests(s, false).toArray(new io.partnerid.authz.AuthorizationRequest[0]);
            largeRequests = ourRequests(l, false).toArray(new io.partnerid.authz.AuthorizationRequest[0]);
            settleHeap();
        }
    }

    /** One thread's position in its request list. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    @Group("sideBySide")
    public Decision orgs10(BothSizes s, Cursor c) {
        return s.small.decide(s.smallRequests[c.next++ & (AuthzWorkload.REQUESTS - 1)]);
    }

    @Benchmark
    @Group("sideBySide")
    public Decision orgs10000(BothSizes s, Cursor c) {
        return s.large.decide(s.largeRequests[c.next++ & (AuthzWorkload.REQUESTS - 1)]);
    }

    /**
     * Nothing but the sample-time harness: its p50 is what reading the clock around one call adds to every other
     * benchmark's p50 (35 to 70 ns on the virtual machine of {@code docs/benchmarks.md}, varying from minute to
     * minute).
     */
    @Benchmark
    public int timerBaseline(Cursor s) {
        return s.next++;
    }

    @Benchmark
    public Decision ours(Ours s) {
        io.partnerid.authz.AuthorizationRequest r = s.requests[s.next++ & (AuthzWorkload.REQUESTS - 1)];
        return s.engine.decide(r);
    }

    @Benchmark
    public Decision oursOneCelCondition(OursCel s) {
        io.partnerid.authz.AuthorizationRequest r = s.requests[s.next++ & (AuthzWorkload.REQUESTS - 1)];
        return s.engine.decide(r);
    }

    // ---------------------------------------------------------------- jCasbin

    static final String CASBIN_MODEL = String.join("\n",
            "[request_definition]", "r = sub, dom, obj, act",
            "[policy_definition]", "p = sub, dom, obj, act",
            "[role_definition]", "g = _, _, _",
            "[policy_effect]", "e = some(where (p.eft == allow))",
            "[matchers]", "m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act");

    /**
     * jCasbin with domains. Casbin has no domain hierarchy: every organization (domain) gets the roles' policy lines
     * and the role hierarchy, every user its two roles in its own domain, and the users that appear in requests also
     * in every descendant domain (the flattened equivalent of inheritance down the tree).
     */
    static Enforcer casbin(AuthzWorkload w) {
        Model model = Model.newModelFromString(CASBIN_MODEL);
        Enforcer e = new Enforcer(model);
        e.enableAutoBuildRoleLinks(false);
        List<List<String>> p = new ArrayList<>();
        List<List<String>> g = new ArrayList<>();
        for (int o = 0; o < w.orgs; o++) {
            String dom = AuthzWorkload.org(o);
            for (int r = 0; r < AuthzWorkload.ROLES; r++) {
                for (String[] grant : AuthzWorkload.grants(r)) {
                    p.add(List.of(AuthzWorkload.role(r), dom, grant[0], grant[1]));
                }
                if (AuthzWorkload.inherits(r) >= 0) {
                    g.add(List.of(AuthzWorkload.role(r), AuthzWorkload.role(AuthzWorkload.inherits(r)), dom));
                }
            }
            for (int u = 0; u < AuthzWorkload.USERS_PER_ORG; u++) {
                String user = "o" + o + "-u" + u;
                g.add(List.of(user, AuthzWorkload.role((o + u) % AuthzWorkload.ROLES), dom));
                g.add(List.of(user, AuthzWorkload.role((o + u + 3) % AuthzWorkload.ROLES), dom));
            }
        }
        Set<String> seen = new HashSet<>();
        for (AuthzWorkload.Req q : w.requests) {
            if (!seen.add(q.userId())) {
                continue;
            }
            for (int d : w.subtree(q.userOrg())) {
                if (d != q.userOrg()) {
                    g.add(List.of(q.userId(), AuthzWorkload.role(q.roleA()), AuthzWorkload.org(d)));
                    g.add(List.of(q.userId(), AuthzWorkload.role(q.roleB()), AuthzWorkload.org(d)));
                }
            }
        }
        e.addPolicies(p);
        e.addGroupingPolicies(g);
        e.buildRoleLinks();
        return e;
    }

    /** jCasbin at 1,000 organizations. */
    @State(Scope.Thread)
    public static class Casbin {
        Enforcer enforcer;
        String[][] requests;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            AuthzWorkload w = new AuthzWorkload(1000);
            enforcer = casbin(w);
            settleHeap();
            requests = w.requests.stream().map(q -> new String[] {q.userId(), AuthzWorkload.org(q.resourceOrg()),
                    AuthzWorkload.type(q.type()), q.action()}).toArray(String[][]::new);
            settleHeap();
        }
    }

    @Benchmark
    public boolean jcasbin(Casbin s) {
        String[] r = s.requests[s.next++ & (AuthzWorkload.REQUESTS - 1)];
        return s.enforcer.enforce((Object[]) r);
    }

    // ---------------------------------------------------------------- cedar-java

    static final EntityTypeName USER = EntityTypeName.parse("User").orElseThrow();
    static final EntityTypeName ROLE = EntityTypeName.parse("Role").orElseThrow();
    static final EntityTypeName ORG = EntityTypeName.parse("Org").orElseThrow();
    static final EntityTypeName ACTION = EntityTypeName.parse("Action").orElseThrow();

    static String cedarPolicies() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < AuthzWorkload.ROLES; r++) {
            if (r == 9) {
                sb.append("permit(principal in Role::\"r9\", action == Action::\"read\", resource)"
                        + " when { resource in principal.org };\n");
            } else {
                sb.append("permit(principal in Role::\"r").append(r).append("\", action in [Action::\"read\", "
                        + "Action::\"write\"], resource is t").append(r).append(") when { resource in principal.org };\n");
            }
        }
        return sb.toString();
    }

    /** The entities one request needs: the user and its roles' closure, the resource and its organizations. */
    static Set<Entity> cedarEntities(AuthzWorkload w, AuthzWorkload.Req q) {
        Set<Entity> entities = new HashSet<>();
        EntityUID userOrg = new EntityUID(ORG, AuthzWorkload.org(q.userOrg()));
        Map<String, Value> attrs = new HashMap<>();
        attrs.put("org", userOrg);
        entities.add(new Entity(new EntityUID(USER, q.userId()), attrs,
                Set.of(new EntityUID(ROLE, AuthzWorkload.role(q.roleA())),
                        new EntityUID(ROLE, AuthzWorkload.role(q.roleB())))));
        for (int role : new int[] {q.roleA(), q.roleB()}) {
            for (int r = role; r >= 0; r = AuthzWorkload.inherits(r)) {
                int parentRole = AuthzWorkload.inherits(r);
                entities.add(new Entity(new EntityUID(ROLE, AuthzWorkload.role(r)), parentRole < 0 ? Set.of()
                        : Set.of(new EntityUID(ROLE, AuthzWorkload.role(parentRole)))));
            }
        }
        for (int o : w.lineage(q.resourceOrg())) {
            entities.add(new Entity(new EntityUID(ORG, AuthzWorkload.org(o)), w.parent[o] < 0 ? Set.of()
                    : Set.of(new EntityUID(ORG, AuthzWorkload.org(w.parent[o])))));
        }
        entities.add(new Entity(new EntityUID(EntityTypeName.parse(AuthzWorkload.type(q.type())).orElseThrow(),
                "doc"), Set.of(new EntityUID(ORG, AuthzWorkload.org(q.resourceOrg())))));
        return entities;
    }

    /** cedar-java at 1,000 organizations, policy set cached on the native side. */
    @State(Scope.Thread)
    public static class Cedar {
        BasicAuthorizationEngine engine;
        PolicySet policies;
        AuthorizationRequest[] requests;
        List<Set<Entity>> entities;
        int next;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            AuthzWorkload w = new AuthzWorkload(1000);
            engine = new BasicAuthorizationEngine();
            policies = PolicySet.parsePolicies(cedarPolicies());
            policies.cache();
            requests = new AuthorizationRequest[AuthzWorkload.REQUESTS];
            entities = new ArrayList<>();
            for (int i = 0; i < AuthzWorkload.REQUESTS; i++) {
                AuthzWorkload.Req q = w.requests.get(i);
                requests[i] = new AuthorizationRequest(new EntityUID(USER, q.userId()),
                        new EntityUID(ACTION, q.action()),
                        new EntityUID(EntityTypeName.parse(AuthzWorkload.type(q.type())).orElseThrow(), "doc"),
                        Map.<String, Value>of());
                entities.add(cedarEntities(w, q));
            }
            settleHeap();
        }
    }

    @Benchmark
    public boolean cedar(Cedar s) throws Exception {
        int i = s.next++ & (AuthzWorkload.REQUESTS - 1);
        return allowed(s.engine.isAuthorized(s.requests[i], s.policies, s.entities.get(i)));
    }

    static boolean allowed(com.cedarpolicy.model.AuthorizationResponse r) {
        return r.success.map(com.cedarpolicy.model.AuthorizationSuccessResponse::isAllowed).orElse(false);
    }

    /** Checks that the three engines agree on the workload's decisions; run before benchmarking. */
    public static void main(String[] args) throws Exception {
        AuthzWorkload w = new AuthzWorkload(1000);
        Ours ours = new Ours();
        ours.orgs = 1000;
        ours.setUp();
        Casbin casbin = new Casbin();
        long t0 = System.nanoTime();
        casbin.setUp();
        System.out.printf("casbin set-up %.1f s%n", (System.nanoTime() - t0) / 1e9);
        Cedar cedar = new Cedar();
        cedar.setUp();
        int permits = 0;
        int casbinDisagree = 0;
        int cedarDisagree = 0;
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        for (int i = 0; i < n; i++) {
            boolean o = ours.engine.decide(ours.requests[i]).permitted();
            permits += o ? 1 : 0;
            if (casbin.enforcer.enforce((Object[]) casbin.requests[i]) != o) {
                casbinDisagree++;
            }
            if (allowed(cedar.engine.isAuthorized(cedar.requests[i], cedar.policies, cedar.entities.get(i))) != o) {
                cedarDisagree++;
            }
        }
        System.out.printf("%d requests, %d permits; jcasbin disagrees on %d, cedar on %d%n", n, permits,
                casbinDisagree, cedarDisagree);
        OursCel shortcut = new OursCel();
        shortcut.condition = "native";
        shortcut.setUp();
        OursCel interpreter = new OursCel();
        interpreter.condition = "interpreter";
        interpreter.setUp();
        int celPermits = 0;
        int celDisagree = 0;
        for (int i = 0; i < AuthzWorkload.REQUESTS; i++) {
            boolean c = shortcut.engine.decide(shortcut.requests[i]).permitted();
            celPermits += c ? 1 : 0;
            if (interpreter.engine.decide(interpreter.requests[i]).permitted() != c) {
                celDisagree++;
            }
        }
        System.out.printf("CEL variants: %d requests, %d permits, %d disagreements%n", AuthzWorkload.REQUESTS,
                celPermits, celDisagree);
    }
}
