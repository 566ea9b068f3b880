package io.partnerid.authz.engine;

import io.partnerid.authz.Decision;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.core.org.OrgId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision-path view of a snapshot: organizations numbered densely in pre-order, so that "is an ancestor or
 * self of" is an interval test ({@code a <= b < end(a)}), and everything a decision reads about an organization (deny
 * bits, ceiling bits, subtree end, role table, flags) packed into one {@code long[]} record per organization; roles
 * numbered densely, resolved through a per-organization table of role ids; names resolved through flat
 * {@link NameTable}s. A decision without conditions or grants reads a handful of array elements and allocates
 * nothing. Immutable after construction; thread-safe.
 */
final class FlatIndex {

    private static final long FLAG_CONDITIONAL_DENIES = 1L;
    private static final long ROLE_ORG_SCOPED = 1L;

    private final int words;
    /** Organizations by pre-order index. */
    final Compiled.Org[] orgs;
    private final NameTable orgIds;
    /** Per organization, {@code stride} longs: deny words, ceiling words, end | roleTable << 32, flags. */
    private final long[] orgData;
    private final int orgStride;

    private final NameTable roleNames;
    private final int roleNameCount;
    /** {@code roleSlots[table * roleNameCount + name]}: role id + 1, 0 when the name is not visible there. */
    private final int[] roleSlots;
    /** Roles by id. */
    final Compiled.Role[] roles;
    /** Per role, {@code roleStride} longs: permission words, conditional-permission words, flags. */
    private final long[] roleData;
    private final int roleStride;
    private final Decision.Permit[] permits;

    private final NameTable types;
    private final NameTable[] actions;

    FlatIndex(PermissionSpace space, Map<OrgId, Compiled.Org> byId) {
        this.words = Math.max(1, (space.size() + 63) >>> 6);

        // organizations in pre-order
        Map<Compiled.Org, List<Compiled.Org>> children = new IdentityHashMap<>();
        List<Compiled.Org> roots = new ArrayList<>();
        for (Compiled.Org o : byId.values()) {
            Compiled.Org[] l = o.lineage();
            if (l.length < 2) {
                roots.add(o);
            } else {
                children.computeIfAbsent(l[l.length - 2], k -> new ArrayList<>()).add(o);
            }
        }
        int n = byId.size();
        this.orgs = new Compiled.Org[n];
        int[] end = new int[n];
        Map<Compiled.Org, Integer> index = new IdentityHashMap<>();
        int next = 0;
        Deque<Object[]> stack = new ArrayDeque<>();
        for (Compiled.Org root : roots) {
            stack.push(new Object[] {root, Boolean.FALSE});
            while (!stack.isEmpty()) {
                Object[] top = stack.pop();
                Compiled.Org o = (Compiled.Org) top[0];
                if ((Boolean) top[1]) {
                    end[index.get(o)] = next;
                    continue;
                }
                index.put(o, next);
                orgs[next++] = o;
                stack.push(new Object[] {o, Boolean.TRUE});
                for (Compiled.Org c : children.getOrDefault(o, List.of())) {
                    stack.push(new Object[] {c, Boolean.FALSE});
                }
            }
        }

        // roles: one table per distinct visible-roles map, one id per distinct compiled role
        Map<String, Integer> nameIndex = new LinkedHashMap<>();
        Map<Map<String, Compiled.Role>, Integer> tableIndex = new IdentityHashMap<>();
        Map<Compiled.Role, Integer> roleIndex = new IdentityHashMap<>();
        List<Map<String, Compiled.Role>> tables = new ArrayList<>();
        List<Compiled.Role> roleList = new ArrayList<>();
        for (Compiled.Org o : orgs) {
            if (tableIndex.putIfAbsent(o.roles(), tables.size()) == null) {
                tables.add(o.roles());
            }
            for (Map.Entry<String, Compiled.Role> e : o.roles().entrySet()) {
                nameIndex.putIfAbsent(e.getKey(), nameIndex.size());
                if (roleIndex.putIfAbsent(e.getValue(), roleList.size()) == null) {
                    roleList.add(e.getValue());
                }
            }
        }
        this.roleNameCount = nameIndex.size();
        this.roleNames = table(nameIndex);
        this.roleSlots = new int[tables.size() * roleNameCount];
        for (int t = 0; t < tables.size(); t++) {
            for (Map.Entry<String, Compiled.Role> e : tables.get(t).entrySet()) {
                roleSlots[t * roleNameCount + nameIndex.get(e.getKey())] = roleIndex.get(e.getValue()) + 1;
            }
        }
        this.roles = roleList.toArray(new Compiled.Role[0]);
        this.roleStride = 2 * words + 1;
        this.roleData = new long[roles.length * roleStride];
        this.permits = new Decision.Permit[roles.length];
        for (int r = 0; r < roles.length; r++) {
            Compiled.Role role = roles[r];
            int base = r * roleStride;
            System.arraycopy(role.bits(), 0, roleData, base, role.bits().length);
            for (Compiled.Conditional c : role.conditionals()) {
                for (int w = 0; w < c.bits().length; w++) {
                    roleData[base + words + w] |= c.bits()[w];
                }
            }
            roleData[base + 2 * words] = role.scope() == RoleDef.Scope.ORG ? ROLE_ORG_SCOPED : 0;
            permits[r] = role.permit();
        }

        // organization records
        this.orgStride = 2 * words + 2;
        this.orgData = new long[n * orgStride];
        List<String> ids = new ArrayList<>(n);
        int[] values = new int[n];
        for (int i = 0; i < n; i++) {
            Compiled.Org o = orgs[i];
            int base = i * orgStride;
            System.arraycopy(o.denyBits(), 0, orgData, base, o.denyBits().length);
            for (int w = 0; w < words; w++) {
                orgData[base + words + w] = o.ceiling() == null ? -1L : w < o.ceiling().length ? o.ceiling()[w] : 0;
            }
            orgData[base + 2 * words] = (end[i] & 0xFFFFFFFFL) | ((long) tableIndex.get(o.roles()) << 32);
            orgData[base + 2 * words + 1] = o.conditionalDenies().isEmpty() ? 0 : FLAG_CONDITIONAL_DENIES;
            ids.add(o.id().value());
            values[i] = i;
        }
        this.orgIds = new NameTable(ids, values);

        // permission space: type, then action, to bit
        Map<String, Map<String, Integer>> bits = space.bitsByTypeAndAction();
        List<String> typeNames = new ArrayList<>(bits.keySet());
        int[] typeValues = new int[typeNames.size()];
        this.actions = new NameTable[typeNames.size()];
        for (int t = 0; t < typeValues.length; t++) {
            typeValues[t] = t;
            actions[t] = table(bits.get(typeNames.get(t)));
        }
        this.types = new NameTable(typeNames, typeValues);
    }

    private static NameTable table(Map<String, Integer> m) {
        List<String> names = new ArrayList<>(m.keySet());
        int[] values = new int[names.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = m.get(names.get(i));
        }
        return new NameTable(names, values);
    }

    /** The index of an organization, or -1. */
    int org(OrgId id) {
        return orgIds.find(id.value());
    }

    /** The bit of (type, action), or -1 when undeclared. */
    int bit(String type, String action) {
        int t = types.find(type);
        return t < 0 ? -1 : actions[t].find(action);
    }

    boolean denied(int org, int bit) {
        return (orgData[org * orgStride + (bit >>> 6)] & (1L << bit)) != 0;
    }

    boolean withinCeiling(int org, int bit) {
        return (orgData[org * orgStride + words + (bit >>> 6)] & (1L << bit)) != 0;
    }

    boolean hasConditionalDenies(int org) {
        return (orgData[org * orgStride + 2 * words + 1] & FLAG_CONDITIONAL_DENIES) != 0;
    }

    /** True when {@code ancestor} is {@code org} or one of its ancestors: pre-order interval containment. */
    boolean isAncestorOrSelf(int ancestor, int org) {
        return ancestor <= org && org < (int) orgData[ancestor * orgStride + 2 * words];
    }

    /** The id of the role {@code name} resolves to at {@code org} (nearest definition wins), or -1. */
    int role(int org, String name) {
        int k = roleNames.find(name);
        if (k < 0) {
            return -1;
        }
        int table = (int) (orgData[org * orgStride + 2 * words] >>> 32);
        return roleSlots[table * roleNameCount + k] - 1;
    }

    boolean roleGrants(int role, int bit) {
        return (roleData[role * roleStride + (bit >>> 6)] & (1L << bit)) != 0;
    }

    /** True when one of the role's conditional permissions covers the bit. */
    boolean roleMayGrant(int role, int bit) {
        return (roleData[role * roleStride + words + (bit >>> 6)] & (1L << bit)) != 0;
    }

    boolean roleOrgScoped(int role) {
        return (roleData[role * roleStride + 2 * words] & ROLE_ORG_SCOPED) != 0;
    }

    Decision.Permit permit(int role) {
        return permits[role];
    }
}
