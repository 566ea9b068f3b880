package io.partnerid.authz.grant;

import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link GrantRepository} in memory; for tests and local development.
 *
 * <p>Thread-safe (every method synchronizes on the instance; the {@link #version()} counter is bumped under the same
 * lock as the change it counts and read without locking). Unbounded: it holds every grant and assignment it is
 * given. Share one instance between several services to simulate several nodes over one store.
 */
public final class InMemoryGrantRepository implements GrantRepository {

    /** Assignment key order: grant, subject organization, subject, role. */
    private static final Comparator<GrantAssignment> KEY_ORDER = Comparator.comparing(GrantAssignment::grantId)
            .thenComparing(a -> a.subjectOrg().value()).thenComparing(GrantAssignment::subjectId)
            .thenComparing(GrantAssignment::role);

    private final TreeMap<String, GrantDef> grants = new TreeMap<>();
    private final List<GrantAssignment> assignments = new ArrayList<>();
    private final AtomicLong version = new AtomicLong();

    @Override
    public synchronized void saveGrant(GrantDef grant) {
        Objects.requireNonNull(grant, "grant");
        grants.put(grant.id(), grant);
        version.incrementAndGet();
    }

    @Override
    public synchronized Optional<GrantDef> findGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
        return Optional.ofNullable(grants.get(grantId));
    }

    @Override
    public synchronized Page<GrantDef> listGrants(PageRequest page) {
        Objects.requireNonNull(page, "page");
        Map<String, GrantDef> tail = page.after().isPresent()
                ? grants.tailMap(page.after().get(), false) : grants;
        List<GrantDef> candidates = new ArrayList<>(page.limit() + 1);
        for (GrantDef g : tail.values()) {
            if (candidates.size() > page.limit()) {
                break;
            }
            candidates.add(g);
        }
        return Page.of(candidates, page.limit(), GrantDef::id);
    }

    @Override
    public synchronized void saveAssignment(GrantAssignment a) {
        Objects.requireNonNull(a, "assignment");
        if (!grants.containsKey(a.grantId())) {
            throw StoreErrors.missing("grant " + a.grantId());
        }
        boolean exists = assignments.stream().anyMatch(x -> KEY_ORDER.compare(x, a) == 0);
        if (!exists) {
            assignments.add(a);
        }
    }

    @Override
    public synchronized List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId) {
        Objects.requireNonNull(subjectOrg, "subjectOrg");
        Objects.requireNonNull(subjectId, "subjectId");
        return assignments.stream()
                .filter(a -> a.subjectOrg().equals(subjectOrg) && a.subjectId().equals(subjectId))
                .sorted(KEY_ORDER).limit(MAX_ASSIGNMENTS_PER_SUBJECT).toList();
    }

    @Override
    public synchronized List<GrantAssignment> deleteGrant(String grantId) {
        Objects.requireNonNull(grantId, "grantId");
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
        removed.sort(KEY_ORDER);
        version.incrementAndGet();
        return List.copyOf(removed);
    }

    @Override
    public long version() {
        return version.get();
    }
}
