package io.partnerid.authz.grant;

import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link GrantRepository} in memory; for tests and local development.
 *
 * <p>Thread-safe (every method synchronizes on the instance).
 */
public final class InMemoryGrantRepository implements GrantRepository {

    private final Map<String, GrantDef> grants = new TreeMap<>();
    private final Set<GrantAssignment> assignments = new LinkedHashSet<>();

    @Override
    public synchronized void saveGrant(GrantDef grant) {
        grants.put(grant.id(), grant);
    }

    @Override
    public synchronized Optional<GrantDef> findGrant(String grantId) {
        return Optional.ofNullable(grants.get(grantId));
    }

    @Override
    public synchronized List<GrantDef> allGrants() {
        return List.copyOf(grants.values());
    }

    @Override
    public synchronized void saveAssignment(GrantAssignment a) {
        boolean exists = assignments.stream().anyMatch(x -> x.grantId().equals(a.grantId())
                && x.subjectOrg().equals(a.subjectOrg()) && x.subjectId().equals(a.subjectId())
                && x.role().equals(a.role()));
        if (!exists) {
            assignments.add(a);
        }
    }

    @Override
    public synchronized List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId) {
        List<GrantAssignment> out = new ArrayList<>();
        for (GrantAssignment a : assignments) {
            if (a.subjectOrg().equals(subjectOrg) && a.subjectId().equals(subjectId)) {
                out.add(a);
            }
        }
        out.sort(Comparator.comparing(GrantAssignment::grantId).thenComparing(GrantAssignment::role));
        return out;
    }

    @Override
    public synchronized List<GrantAssignment> deleteGrant(String grantId) {
        if (grants.remove(grantId) == null) {
            return List.of();
        }
        List<GrantAssignment> removed = new ArrayList<>();
        assignments.removeIf(a -> {
            if (a.grantId().equals(grantId)) {
                removed.add(a);
                return true;
            }
            return false;
        });
        return removed;
    }
}
