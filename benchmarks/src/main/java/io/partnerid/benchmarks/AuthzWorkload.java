package io.partnerid.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The shared authorization workload: {@code orgs} organizations in trees of three levels (1 root, 4 children, 16
 * grandchildren), 10 roles defined at the roots with a role hierarchy of depth 3 (r0 inherits r1 inherits r2, r3 → r4 →
 * r5, r6 → r7 → r8, r9 alone), 10 resource types with 4 actions, 100 users per organization holding two roles each, and
 * a fixed list of requests (80 % inside the user's subtree, 20 % into another tree). Deterministic (seeded).
 */
final class AuthzWorkload {

    static final int USERS_PER_ORG = 100;
    static final int ROLES = 10;
    static final int TYPES = 10;
    static final String[] ACTIONS = {"read", "write", "approve", "admin"};
    static final int REQUESTS = 4096;

    /** One request of the workload. */
    record Req(int userOrg, int user, int roleA, int roleB, int type, String action, int resourceOrg) {
        String userId() {
            return "o" + userOrg + "-u" + user;
        }
    }

    final int orgs;
    final int[] parent;
    final List<Req> requests = new ArrayList<>();

    AuthzWorkload(int orgs) {
        this.orgs = orgs;
        this.parent = new int[orgs];
        for (int i = 0; i < orgs; i++) {
            int tree = i / 21;
            int pos = i % 21;
            parent[i] = pos == 0 ? -1 : pos <= 4 ? tree * 21 : tree * 21 + 1 + (pos - 5) / 4;
        }
        SplittableRandom rnd = new SplittableRandom(42);
        for (int q = 0; q < REQUESTS; q++) {
            int org = rnd.nextInt(orgs);
            int user = rnd.nextInt(USERS_PER_ORG);
            int roleA = (org + user) % ROLES;
            int roleB = (org + user + 3) % ROLES;
            int resourceOrg;
            if (rnd.nextInt(5) > 0) {
                List<Integer> sub = subtree(org);
                resourceOrg = sub.get(rnd.nextInt(sub.size()));
            } else {
                resourceOrg = rnd.nextInt(orgs);
            }
            requests.add(new Req(org, user, roleA, roleB, rnd.nextInt(TYPES), ACTIONS[rnd.nextInt(ACTIONS.length)],
                    resourceOrg));
        }
    }

    /**
     * Organization ids of one width at every size ({@code o00042}), as generated ids are: with {@code "o" + i}, the
     * 10-organization run compared two-character ids and the 10,000-organization run ids of two to five characters,
     * a difference in the requests rather than in the engine.
     */
    static String org(int i) {
        return String.format("o%05d", i);
    }

    static String type(int t) {
        return "t" + t;
    }

    static String role(int r) {
        return "r" + r;
    }

    /** The role a role inherits, or -1. */
    static int inherits(int r) {
        return r < 9 && r % 3 != 2 ? r + 1 : -1;
    }

    /** The (type, action) pairs a role grants directly: its own type's read and write; r9 reads everything. */
    static List<String[]> grants(int r) {
        List<String[]> out = new ArrayList<>();
        if (r == 9) {
            for (int t = 0; t < TYPES; t++) {
                out.add(new String[] {type(t), "read"});
            }
        } else {
            out.add(new String[] {type(r), "read"});
            out.add(new String[] {type(r), "write"});
        }
        return out;
    }

    boolean isAncestorOrSelf(int ancestor, int org) {
        for (int o = org; o >= 0; o = parent[o]) {
            if (o == ancestor) {
                return true;
            }
        }
        return false;
    }

    List<Integer> subtree(int org) {
        List<Integer> out = new ArrayList<>();
        int tree = org / 21;
        for (int i = tree * 21; i < Math.min(orgs, tree * 21 + 21); i++) {
            if (isAncestorOrSelf(org, i)) {
                out.add(i);
            }
        }
        return out;
    }

    List<Integer> lineage(int org) {
        List<Integer> out = new ArrayList<>();
        for (int o = org; o >= 0; o = parent[o]) {
            out.add(0, o);
        }
        return out;
    }
}
