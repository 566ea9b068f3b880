package io.partnerid.authz.engine;

import io.partnerid.authz.Reason;
import io.partnerid.authz.policy.DenyRule;
import io.partnerid.authz.policy.EndpointDef;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.authz.policy.OrgPolicy;
import io.partnerid.authz.policy.PermissionDef;
import io.partnerid.authz.policy.PolicyDocument;
import io.partnerid.authz.policy.PolicyValidationException;
import io.partnerid.authz.policy.ResourceTypeDef;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.authz.policy.Violation;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a document's references and guardrails and compiles it into a {@link PolicySnapshot}. One instance per
 * compilation; not thread-safe.
 */
final class Compiler {

    private final PolicyDocument doc;
    private final List<Violation> violations = new ArrayList<>();
    private PermissionSpace space;

    private Compiler(PolicyDocument doc) {
        this.doc = doc;
    }

    static PolicySnapshot compile(PolicyDocument doc, long version) {
        return new Compiler(doc).run(version);
    }

    /** The base snapshot with another set of grants (the organizations and roles are reused as they are). */
    static PolicySnapshot withGrants(PolicySnapshot base, List<GrantDef> grants, long version) {
        Compiler c = new Compiler(base.document().withGrants(grants));
        c.space = base.space;
        Map<String, Compiled.Grant> compiled = c.grants(base.orgs);
        c.throwIfInvalid();
        return new PolicySnapshot(version, c.doc, base.space, base.orgs, compiled, base.endpoints, base.flat);
    }

    private void fail(String path, String reason) {
        violations.add(new Violation(path, reason));
    }

    private void throwIfInvalid() {
        if (!violations.isEmpty()) {
            throw new PolicyValidationException(violations);
        }
    }

    private PolicySnapshot run(long version) {
        if (!PolicyDocument.SCHEMA_V1.equals(doc.schema())) {
            fail("$.schema", "unsupported schema '" + doc.schema() + "', expected '" + PolicyDocument.SCHEMA_V1 + "'");
        }
        Set<String> typeNames = new HashSet<>();
        for (ResourceTypeDef t : doc.resourceTypes()) {
            if (!typeNames.add(t.name())) {
                fail("$.resourceTypes." + t.name(), "duplicate resource type");
            }
            if (t.actions().isEmpty()) {
                fail("$.resourceTypes." + t.name() + ".actions", "a resource type declares at least one action");
            }
        }
        space = new PermissionSpace(doc.resourceTypes());
        List<Compiled.Endpoint> endpoints = endpoints();
        Map<OrgId, Compiled.Org> orgs = orgs();
        throwIfInvalid();
        Map<String, Compiled.Grant> grants = grants(orgs);
        throwIfInvalid();
        return new PolicySnapshot(version, doc, space, orgs, grants, endpoints, new FlatIndex(space, orgs));
    }

    private List<Compiled.Endpoint> endpoints() {
        List<Compiled.Endpoint> out = new ArrayList<>();
        for (int i = 0; i < doc.endpoints().size(); i++) {
            EndpointDef e = doc.endpoints().get(i);
            String p = "$.endpoints[" + i + "]";
            if (space.index(e.resourceType(), e.action()) < 0) {
                if (!space.hasType(e.resourceType())) {
                    fail(p + ".resourceType", "unknown resource type '" + e.resourceType() + "'");
                } else {
                    fail(p + ".action", "unknown action '" + e.action() + "' for resource type '"
                            + e.resourceType() + "'");
                }
                continue;
            }
            String path = e.path();
            boolean rest = path.endsWith("/**");
            if (rest) {
                path = path.substring(0, path.length() - 3);
            }
            String[] segments = path.equals("/") || path.isEmpty() ? new String[0] : path.substring(1).split("/");
            out.add(new Compiled.Endpoint(e.method(), segments, rest, e.resourceType(), e.action()));
        }
        return out;
    }

    private Object bits(String pattern, String path) {
        Object r = space.parse(pattern);
        if (r instanceof String reason) {
            fail(path, reason);
            return null;
        }
        return r;
    }

    private Optional<CelCondition> condition(Optional<String> expr, String path) {
        if (expr.isEmpty()) {
            return Optional.empty();
        }
        Object r = CelCondition.compile(expr.get());
        if (r instanceof String reason) {
            fail(path, reason);
            return Optional.empty();
        }
        return Optional.of((CelCondition) r);
    }

    private Map<OrgId, Compiled.Org> orgs() {
        Map<String, Integer> indexById = new LinkedHashMap<>();
        for (int i = 0; i < doc.orgs().size(); i++) {
            String id = doc.orgs().get(i).id();
            if (!PolicyDocumentsAccess.isOrgId(id)) {
                fail("$.orgs[" + i + "].id", "an organization id matches [A-Za-z0-9_-]{1,64}");
                continue;
            }
            if (indexById.putIfAbsent(id, i) != null) {
                fail("$.orgs[" + i + "].id", "duplicate organization '" + id + "'");
            }
        }
        for (int i = 0; i < doc.orgs().size(); i++) {
            OrgPolicy o = doc.orgs().get(i);
            if (o.parent().isPresent() && !indexById.containsKey(o.parent().get())) {
                fail("$.orgs[" + i + "].parent", "unknown parent organization '" + o.parent().get() + "'");
            }
        }
        if (!violations.isEmpty()) {
            return Map.of();
        }
        // order parents first, detecting cycles
        List<Integer> order = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        for (String id : indexById.keySet()) {
            visit(id, indexById, state, order, new ArrayList<>());
        }
        if (!violations.isEmpty()) {
            return Map.of();
        }
        Map<OrgId, Compiled.Org> out = new HashMap<>();
        for (int i : order) {
            OrgPolicy o = doc.orgs().get(i);
            Compiled.Org parent = o.parent().map(p -> out.get(OrgId.of(p))).orElse(null);
            Compiled.Org c = org(o, "$.orgs[" + i + "]", parent);
            out.put(c.id(), c);
            lookup.put(c.id(), c);
        }
        return Map.copyOf(out);
    }

    private void visit(String id, Map<String, Integer> indexById, Map<String, Integer> state, List<Integer> order,
                       List<String> stack) {
        Integer s = state.get(id);
        if (s != null && s == 2) {
            return;
        }
        int i = indexById.get(id);
        if (s != null && s == 1) {
            fail("$.orgs[" + i + "].parent", "organization parents form a cycle: " + String.join(" -> ", stack)
                    + " -> " + id);
            state.put(id, 2);
            return;
        }
        state.put(id, 1);
        stack.add(id);
        Optional<String> parent = doc.orgs().get(i).parent();
        if (parent.isPresent()) {
            visit(parent.get(), indexById, state, order, stack);
        }
        stack.remove(stack.size() - 1);
        if (state.get(id) == 1) {
            state.put(id, 2);
            order.add(i);
        }
    }

    private Compiled.Org org(OrgPolicy o, String path, Compiled.Org parent) {
        OrgId id = OrgId.of(o.id());
        OrgPath orgPath = parent == null ? OrgPath.root(id) : parent.path().child(id);
        int size = space.size();

        // ceiling: the parent's intersected with our own
        long[] own = null;
        if (o.ceiling().isPresent()) {
            own = Bits.empty(size);
            List<String> patterns = o.ceiling().get();
            for (int j = 0; j < patterns.size(); j++) {
                Object b = bits(patterns.get(j), path + ".ceiling[" + j + "]");
                if (b != null) {
                    own = Bits.or(own, (long[]) b);
                }
            }
        }
        long[] ceiling = parent == null ? own
                : parent.ceiling() == null ? own
                : own == null ? parent.ceiling() : Bits.and(parent.ceiling(), own);

        // delegation: what our children may define; within what our parent delegated to us
        long[] delegation = Bits.empty(size);
        for (int j = 0; j < o.delegation().permissions().size(); j++) {
            String dp = path + ".delegation.permissions[" + j + "]";
            Object b = bits(o.delegation().permissions().get(j), dp);
            if (b != null) {
                if (parent != null && !Bits.subset((long[]) b, parent.delegation())) {
                    fail(dp, "delegates more than parent organization '" + parent.id() + "' delegated");
                }
                delegation = Bits.or(delegation, (long[]) b);
            }
        }

        // denies: everything from the root down
        long[] denyBits = parent == null ? Bits.empty(size) : parent.denyBits();
        List<Compiled.Deny> conditionalDenies = new ArrayList<>(parent == null ? List.of()
                : parent.conditionalDenies());
        List<Compiled.Deny> localDenies = new ArrayList<>();
        Set<String> denyIds = new HashSet<>();
        for (int j = 0; j < o.denies().size(); j++) {
            DenyRule d = o.denies().get(j);
            String dp = path + ".denies[" + j + "]";
            if (!denyIds.add(d.id())) {
                fail(dp + ".id", "duplicate deny rule '" + d.id() + "'");
            }
            Object b = bits(d.pattern(), dp + ".pattern");
            Optional<CelCondition> cond = condition(d.condition(), dp + ".condition");
            if (b == null) {
                continue;
            }
            Compiled.Deny deny = new Compiled.Deny(d.id(), id, (long[]) b, cond,
                    new Reason("deny.rule", "deny rule '" + d.id() + "' of organization " + id));
            localDenies.add(deny);
            if (d.condition().isEmpty()) {
                denyBits = Bits.or(denyBits, deny.bits());
            } else if (cond.isPresent()) {
                conditionalDenies.add(deny);
            }
        }

        // roles
        Map<String, Compiled.Role> inherited = parent == null ? Map.of() : parent.visibleToChildren();
        Map<String, RoleDef> ownDefs = new LinkedHashMap<>();
        Map<String, Integer> ownIndex = new HashMap<>();
        for (int j = 0; j < o.roles().size(); j++) {
            RoleDef r = o.roles().get(j);
            String rp = path + ".roles[" + j + "]";
            if (ownDefs.putIfAbsent(r.name(), r) != null) {
                fail(rp + ".name", "duplicate role '" + r.name() + "'");
                continue;
            }
            ownIndex.put(r.name(), j);
            Compiled.Role overridden = inherited.get(r.name());
            if (overridden != null && !isOverridable(overridden, parent)) {
                fail(rp + ".name", "role '" + r.name() + "' is defined by organization '" + overridden.definedAt()
                        + "', which does not let descendants override it");
            }
            if (parent != null) {
                for (int k = 0; k < r.permissions().size(); k++) {
                    Object b = space.parse(r.permissions().get(k).pattern());
                    if (b instanceof long[] bits && !Bits.subset(bits, parent.delegation())) {
                        fail(rp + ".permissions[" + k + "]", "permission '" + r.permissions().get(k).pattern()
                                + "' is not delegated by parent organization '" + parent.id() + "'");
                    }
                }
            }
        }
        Map<String, Compiled.Role> compiledOwn = new LinkedHashMap<>();
        for (String name : ownDefs.keySet()) {
            compileRole(name, ownDefs, ownIndex, inherited, compiledOwn, new ArrayList<>(), path, id);
        }
        // organizations without local roles share their parent's maps (smaller snapshot, fewer cache misses)
        Map<String, Compiled.Role> roles = inherited;
        Map<String, Compiled.Role> visibleToChildren = inherited;
        if (!compiledOwn.isEmpty()) {
            Map<String, Compiled.Role> r = new HashMap<>(inherited);
            r.putAll(compiledOwn);
            roles = Map.copyOf(r);
            Map<String, Compiled.Role> v = new HashMap<>(inherited);
            for (Compiled.Role role : compiledOwn.values()) {
                if (role.inheritable()) {
                    v.put(role.name(), role);
                }
            }
            visibleToChildren = Map.copyOf(v);
        }
        Set<String> overridable = new HashSet<>(o.delegation().overridableRoles());
        for (int j = 0; j < o.delegation().overridableRoles().size(); j++) {
            String name = o.delegation().overridableRoles().get(j);
            if (!roles.containsKey(name)) {
                fail(path + ".delegation.overridableRoles[" + j + "]", "unknown role '" + name + "'");
            }
        }
        Compiled.Org[] lineage = new Compiled.Org[orgPath.depth()];
        if (parent != null) {
            System.arraycopy(parent.lineage(), 0, lineage, 0, lineage.length - 1);
        }
        Compiled.Org compiled = new Compiled.Org(id, orgPath, Optional.ofNullable(parent).map(Compiled.Org::id), ceiling, own,
                denyBits, List.copyOf(conditionalDenies), roles, visibleToChildren,
                List.copyOf(compiledOwn.values()), List.copyOf(localDenies), delegation, Set.copyOf(overridable),
                io.partnerid.authz.Decision.deny(new Reason("ceiling.exceeded", "the action is outside the ceiling "
                        + "of organization " + id + " or one of its ancestors")), lineage);
        lineage[lineage.length - 1] = compiled;
        return compiled;
    }

    /** The organization that defined the role (an ancestor) must have listed it as overridable. */
    private boolean isOverridable(Compiled.Role role, Compiled.Org parent) {
        Compiled.Org o = parent;
        while (o != null) {
            if (o.id().equals(role.definedAt())) {
                return o.overridable().contains(role.name());
            }
            o = o.parent().map(p -> lookup.get(p)).orElse(null);
        }
        return false;
    }

    private final Map<OrgId, Compiled.Org> lookup = new HashMap<>();

    private Compiled.Role compileRole(String name, Map<String, RoleDef> ownDefs, Map<String, Integer> ownIndex,
                                      Map<String, Compiled.Role> inherited, Map<String, Compiled.Role> done,
                                      List<String> stack, String orgPath, OrgId org) {
        Compiled.Role existing = done.get(name);
        if (existing != null) {
            return existing;
        }
        RoleDef def = ownDefs.get(name);
        String rp = orgPath + ".roles[" + ownIndex.get(name) + "]";
        if (stack.contains(name)) {
            fail(rp + ".inherits", "role inheritance forms a cycle: " + String.join(" -> ", stack) + " -> " + name);
            return null;
        }
        stack.add(name);
        long[] bits = Bits.empty(space.size());
        List<Compiled.Conditional> conditionals = new ArrayList<>();
        Reason reason = new Reason("role.permit", "role '" + name + "' of organization " + org);
        for (int k = 0; k < def.permissions().size(); k++) {
            PermissionDef p = def.permissions().get(k);
            String pp = rp + ".permissions[" + k + "]";
            Object b = bits(p.pattern(), pp + (p.condition().isPresent() ? ".pattern" : ""));
            Optional<CelCondition> cond = condition(p.condition(), pp + ".condition");
            if (b == null) {
                continue;
            }
            if (p.condition().isEmpty()) {
                bits = Bits.or(bits, (long[]) b);
            } else if (cond.isPresent()) {
                conditionals.add(new Compiled.Conditional((long[]) b, cond.get(), new Reason("role.permit",
                        "role '" + name + "' of organization " + org + " when " + cond.get().expression())));
            }
        }
        for (int k = 0; k < def.inherits().size(); k++) {
            String parentRole = def.inherits().get(k);
            Compiled.Role base;
            if (ownDefs.containsKey(parentRole)) {
                base = compileRole(parentRole, ownDefs, ownIndex, inherited, done, stack, orgPath, org);
            } else {
                base = inherited.get(parentRole);
                if (base == null) {
                    fail(rp + ".inherits[" + k + "]", "unknown role '" + parentRole + "'");
                }
            }
            if (base != null) {
                bits = Bits.or(bits, base.bits());
                conditionals.addAll(base.conditionals());
            }
        }
        stack.remove(stack.size() - 1);
        Compiled.Role role = new Compiled.Role(name, org, def.scope(), def.inheritable(), bits,
                List.copyOf(conditionals), reason);
        done.put(name, role);
        return role;
    }

    private Map<String, Compiled.Grant> grants(Map<OrgId, Compiled.Org> orgs) {
        Map<String, Compiled.Grant> out = new HashMap<>();
        for (int i = 0; i < doc.grants().size(); i++) {
            GrantDef g = doc.grants().get(i);
            String p = "$.grants[" + i + "]";
            if (g.id().isBlank()) {
                fail(p + ".id", "expected a non-empty string");
            } else if (out.containsKey(g.id())) {
                fail(p + ".id", "duplicate grant '" + g.id() + "'");
            }
            Compiled.Org grantor = orgOf(orgs, g.grantor(), p + ".grantor");
            Compiled.Org grantee = orgOf(orgs, g.grantee(), p + ".grantee");
            if (grantor != null && grantee != null && (grantor.path().isAncestorOrSelfOf(grantee.path())
                    || grantee.path().isAncestorOrSelfOf(grantor.path()))) {
                fail(p + ".grantee", "a cross-organization grant names an organization outside the grantor's line");
            }
            if (g.roles().isEmpty()) {
                fail(p + ".roles", "a grant names at least one role");
            }
            for (int j = 0; j < g.roles().size(); j++) {
                if (grantor != null && !grantor.roles().containsKey(g.roles().get(j))) {
                    fail(p + ".roles[" + j + "]", "role '" + g.roles().get(j) + "' is not defined at or inherited by "
                            + "the grantor '" + g.grantor() + "'");
                }
            }
            long[] typeBits = null;
            if (!g.resourceTypes().isEmpty()) {
                typeBits = Bits.empty(space.size());
                for (int j = 0; j < g.resourceTypes().size(); j++) {
                    Object b = bits(g.resourceTypes().get(j) + ":*", p + ".resourceTypes[" + j + "]");
                    if (b != null) {
                        typeBits = Bits.or(typeBits, (long[]) b);
                    }
                }
            }
            if (g.notBefore().isPresent() && g.notAfter().isPresent()
                    && !g.notBefore().get().isBefore(g.notAfter().get())) {
                fail(p + ".notAfter", "notAfter must be later than notBefore");
            }
            if (grantor != null && grantee != null) {
                out.put(g.id(), new Compiled.Grant(g.id(), grantor, grantee, Set.copyOf(g.roles()), typeBits,
                        g.notBefore(), g.notAfter()));
            }
        }
        return Map.copyOf(out);
    }

    private Compiled.Org orgOf(Map<OrgId, Compiled.Org> orgs, String id, String path) {
        Compiled.Org o = PolicyDocumentsAccess.isOrgId(id) ? orgs.get(OrgId.of(id)) : null;
        if (o == null) {
            fail(path, "unknown organization '" + id + "'");
        }
        return o;
    }

    /** Format checks shared with the parser. */
    static final class PolicyDocumentsAccess {
        private static final java.util.regex.Pattern ORG_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,64}");

        static boolean isOrgId(String s) {
            return ORG_ID.matcher(s).matches();
        }
    }
}
