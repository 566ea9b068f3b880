package io.partnerid.authz.engine;

import io.partnerid.authz.Decision;
import io.partnerid.authz.policy.RoleDef;
import io.partnerid.core.org.OrgId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The decision-path view of a snapshot: organizations numbered in pre-order, so that "is an ancestor or self of" is
 * an interval test ({@code pre(a) <= pre(b) < end(a)}); everything a decision reads about an organization (its id,
 * deny bits, ceiling bits, pre-order number, subtree end, role table, flags) packed into one record of an
 * open-addressing {@code long[]} table keyed by the id, so that finding an organization and reading it touches one
 * or two adjacent cache lines; roles numbered densely, resolved through a per-organization table of role ids; other
 * names resolved through flat {@link NameTable}s. A decision without conditions or grants reads a handful of array
 * elements and allocates nothing. Immutable after construction; thread-safe.
 */
final class FlatIndex {

    private static final long FLAG_CONDITIONAL_DENIES = 1L;
    private static final long ROLE_ORG_SCOPED = 1L;

    private final int words;
    /** Organizations by handle (the slot of their record); null for empty slots. */
    final Compiled.Org[] orgs;
    /**
     * The organization table: open addressing, one record of {@code orgStride} longs per slot, so that finding an
     * organization and reading everything a decision needs about it touches one or two adjacent cache lines. A
     * record: key (id hash, id length, occupied bit), the id's ASCII characters packed eight per long, deny words,
     * ceiling words, pre-order number | subtree end << 32, shape table | flags << 32 | role table << 33.
     */
    private final long[] orgData;
    private final int orgStride;
    private final int orgMask;
    private final int idWords;
    /** Offset of the deny words in a record. */
    private final int bitsAt;

    private final NameTable roleNames;
    private final int roleNameCount;
    /** {@code roleSlots[table * roleNameCount + name]}: role id + 1, 0 when the name is not visible there. */
    private final int[] roleSlots;
    /** Roles by id. */
    final Compiled.Role[] roles;
    /**
     * Role shapes: what a decision reads about a role (permission words, conditional-permission words, flags),
     * deduplicated by content, {@code roleStride} longs each. Organizations that define the same roles (every
     * partner tree of a template, say) share shapes, so the decision path reads a few hot rows whatever the number
     * of organizations.
     */
    private final long[] shapeData;
    private final int roleStride;
    /**
     * {@code shapeSlots[shapeTable * roleNameCount + name]}: shape + 1, 0 when the name is not visible there; role
     * tables with the same shapes share one shape table.
     */
    private final int[] shapeSlots;
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
        Compiled.Org[] byPre = new Compiled.Org[n];
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
                byPre[next++] = o;
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
        for (Compiled.Org o : byPre) {
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
        this.permits = new Decision.Permit[roles.length];
        int[] roleShape = new int[roles.length];
        Map<List<Long>, Integer> shapeIndex = new HashMap<>();
        List<long[]> shapes = new ArrayList<>();
        for (int r = 0; r < roles.length; r++) {
            Compiled.Role role = roles[r];
            long[] row = new long[roleStride];
            System.arraycopy(role.bits(), 0, row, 0, role.bits().length);
            for (Compiled.Conditional c : role.conditionals()) {
                for (int w = 0; w < c.bits().length; w++) {
                    row[words + w] |= c.bits()[w];
                }
            }
            row[2 * words] = role.scope() == RoleDef.Scope.ORG ? ROLE_ORG_SCOPED : 0;
            List<Long> key = new ArrayList<>(roleStride);
            for (long v : row) {
                key.add(v);
            }
            Integer shape = shapeIndex.get(key);
            if (shape == null) {
                shape = shapes.size();
                shapeIndex.put(key, shape);
                shapes.add(row);
            }
            roleShape[r] = shape;
            permits[r] = role.permit();
        }
        this.shapeData = new long[shapes.size() * roleStride];
        for (int i = 0; i < shapes.size(); i++) {
            System.arraycopy(shapes.get(i), 0, shapeData, i * roleStride, roleStride);
        }
        Map<List<Integer>, Integer> shapeTableIndex = new HashMap<>();
        List<List<Integer>> shapeTables = new ArrayList<>();
        int[] shapeTableOf = new int[tables.size()];
        for (int t = 0; t < tables.size(); t++) {
            List<Integer> row = new ArrayList<>(roleNameCount);
            for (int k = 0; k < roleNameCount; k++) {
                int id = roleSlots[t * roleNameCount + k];
                row.add(id == 0 ? 0 : roleShape[id - 1] + 1);
            }
            Integer st = shapeTableIndex.get(row);
            if (st == null) {
                st = shapeTables.size();
                shapeTableIndex.put(row, st);
                shapeTables.add(row);
            }
            shapeTableOf[t] = st;
        }
        this.shapeSlots = new int[shapeTables.size() * roleNameCount];
        for (int st = 0; st < shapeTables.size(); st++) {
            for (int k = 0; k < roleNameCount; k++) {
                shapeSlots[st * roleNameCount + k] = shapeTables.get(st).get(k);
            }
        }

        // organization records, in an open-addressing table (load factor at most 2/3)
        int maxLen = 1;
        for (Compiled.Org o : byPre) {
            maxLen = Math.max(maxLen, o.id().value().length());
        }
        this.idWords = (maxLen + 7) >>> 3;
        this.bitsAt = 1 + idWords;
        int used = bitsAt + 2 * words + 2;
        // Padded to eight longs (one 64-byte cache line) when it fits, so that every record starts at the same
        // offset within a line and spans the same lines as every other; in short A/B runs at 10,000 organizations
        // (where records are cold) decisions got about 15 % faster.
        this.orgStride = used <= 8 ? 8 : used;

        int capacity = Integer.highestOneBit(Math.max(4, n + (n >>> 1) - 1)) << 1;
        this.orgMask = capacity - 1;
        this.orgData = new long[capacity * orgStride];
        this.orgs = new Compiled.Org[capacity];
        for (int i = 0; i < n; i++) {
            Compiled.Org o = byPre[i];
            String id = o.id().value();
            int slot = spread(id.hashCode()) & orgMask;
            while (orgs[slot] != null) {
                slot = (slot + 1) & orgMask;
            }
            orgs[slot] = o;
            int base = slot * orgStride;
            orgData[base] = key(id);
            for (int c = 0; c < id.length(); c++) {
                orgData[base + 1 + (c >>> 3)] |= (long) (id.charAt(c) & 0xFF) << ((c & 7) << 3);
            }
            int d = base + bitsAt;
            System.arraycopy(o.denyBits(), 0, orgData, d, o.denyBits().length);
            for (int w = 0; w < words; w++) {
                orgData[d + words + w] = o.ceiling() == null ? -1L : w < o.ceiling().length ? o.ceiling()[w] : 0;
            }
            orgData[d + 2 * words] = (i & 0xFFFFFFFFL) | ((long) end[i] << 32);
            int table = tableIndex.get(o.roles());
            orgData[d + 2 * words + 1] = (shapeTableOf[table] & 0xFFFFFFFFL)
                    | ((long) table << 33)
                    | (o.conditionalDenies().isEmpty() ? 0 : FLAG_CONDITIONAL_DENIES << 32);
        }

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

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    private static long key(String id) {
        return ((long) id.hashCode() << 32) | ((long) id.length() << 1) | 1L;
    }

    /** The handle of an organization (the slot of its record), or -1. */
    int org(OrgId id) {
        String v = id.value();
        int slot = firstSlot(v);
        return resolve(v, slot, head(slot));
    }

    /**
     * Where the look-up of an organization id starts. With {@link #head} and {@link #resolve}, a caller looking up
     * two organizations can read both first records before comparing either, so that their (possibly cold) cache
     * lines load in parallel.
     */
    int firstSlot(String id) {
        return spread(id.hashCode()) & orgMask;
    }

    /** The first word of the record in {@code slot}. */
    long head(int slot) {
        return orgData[slot * orgStride];
    }

    /** The handle of organization {@code id}, probing from {@code slot} whose first word is {@code k}; or -1. */
    int resolve(String id, int slot, long k) {
        int len = id.length();
        if (len > idWords << 3) {
            return -1;
        }
        long key = key(id);
        for (;;) {
            if (k == 0) {
                return -1;
            }
            if (k == key && sameId(id, slot * orgStride + 1, len)) {
                return slot;
            }
            slot = (slot + 1) & orgMask;
            k = orgData[slot * orgStride];
        }
    }

    private boolean sameId(String id, int at, int len) {
        for (int c = 0; c < len; c++) {
            if ((char) ((orgData[at + (c >>> 3)] >>> ((c & 7) << 3)) & 0xFF) != id.charAt(c)) {
                return false;
            }
        }
        return true;
    }

    /** The bit of (type, action), or -1 when undeclared. */
    int bit(String type, String action) {
        int t = types.find(type);
        return t < 0 ? -1 : actions[t].find(action);
    }

    boolean denied(int org, int bit) {
        return (orgData[org * orgStride + bitsAt + (bit >>> 6)] & (1L << bit)) != 0;
    }

    boolean withinCeiling(int org, int bit) {
        return (orgData[org * orgStride + bitsAt + words + (bit >>> 6)] & (1L << bit)) != 0;
    }

    boolean hasConditionalDenies(int org) {
        return ((orgData[org * orgStride + bitsAt + 2 * words + 1] >>> 32) & FLAG_CONDITIONAL_DENIES) != 0;
    }

    /**
     * True when {@code ancestor} is {@code org} or one of its ancestors (both handles): pre-order interval
     * containment.
     */
    boolean isAncestorOrSelf(int ancestor, int org) {
        long a = orgData[ancestor * orgStride + bitsAt + 2 * words];
        int pre = (int) orgData[org * orgStride + bitsAt + 2 * words];
        return (int) a <= pre && pre < (int) (a >>> 32);
    }

    /** The number of a role name, or -1 when no organization has a role of that name. */
    int roleName(String name) {
        return roleNames.find(name);
    }

    /** The id of the role {@code name} resolves to at {@code org} (nearest definition wins), or -1. */
    int role(int org, String name) {
        int k = roleNames.find(name);
        return k < 0 ? -1 : roleAt(org, k);
    }

    /** The id of the role named {@code k} ({@link #roleName}) at {@code org}, or -1. */
    int roleAt(int org, int k) {
        int table = (int) (orgData[org * orgStride + bitsAt + 2 * words + 1] >>> 33);
        return roleSlots[table * roleNameCount + k] - 1;
    }

    /**
     * The shape of the role named {@code k} ({@link #roleName}) at {@code org}, or -1 when no role of that name is
     * visible there. Reads the organization's record and a shared, usually hot, shape table.
     */
    int shapeAt(int org, int k) {
        int table = (int) orgData[org * orgStride + bitsAt + 2 * words + 1];
        return shapeSlots[table * roleNameCount + k] - 1;
    }

    boolean shapeGrants(int shape, int bit) {
        return (shapeData[shape * roleStride + (bit >>> 6)] & (1L << bit)) != 0;
    }

    /** True when one of the conditional permissions of a role of this shape covers the bit. */
    boolean shapeMayGrant(int shape, int bit) {
        return (shapeData[shape * roleStride + words + (bit >>> 6)] & (1L << bit)) != 0;
    }

    boolean shapeOrgScoped(int shape) {
        return (shapeData[shape * roleStride + 2 * words] & ROLE_ORG_SCOPED) != 0;
    }

    Decision.Permit permit(int role) {
        return permits[role];
    }
}
