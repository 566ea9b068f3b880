package io.partnerid.core.role;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link RoleAssignmentRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call is atomic.
 */
public final class InMemoryRoleAssignmentRepository implements RoleAssignmentRepository {

    private final Map<RoleAssignmentId, RoleAssignment> byId = new HashMap<>();
    private final Map<Assignee, TreeMap<String, RoleAssignment>> byAssignee = new HashMap<>();
    private final Map<RoleId, TreeMap<String, RoleAssignment>> byRole = new HashMap<>();
    private final Map<OrgId, TreeMap<String, RoleAssignment>> byOrg = new HashMap<>();

    @Override
    public synchronized void insert(RoleAssignment assignment) {
        if (byId.containsKey(assignment.id())) {
            throw StoreErrors.duplicate("role assignment " + assignment.id());
        }
        String key = assignment.id().value();
        byId.put(assignment.id(), assignment);
        byAssignee.computeIfAbsent(assignment.assignee(), a -> new TreeMap<>()).put(key, assignment);
        byRole.computeIfAbsent(assignment.roleId(), r -> new TreeMap<>()).put(key, assignment);
        byOrg.computeIfAbsent(assignment.orgId(), o -> new TreeMap<>()).put(key, assignment);
    }

    @Override
    public synchronized boolean delete(RoleAssignmentId id) {
        RoleAssignment removed = byId.remove(id);
        if (removed == null) {
            return false;
        }
        unindex(removed);
        return true;
    }

    @Override
    public synchronized Optional<RoleAssignment> findById(RoleAssignmentId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Page<RoleAssignment> findByAssignee(Assignee assignee, PageRequest page) {
        return page(byAssignee.get(assignee), page);
    }

    @Override
    public synchronized Page<RoleAssignment> findByRole(RoleId roleId, PageRequest page) {
        return page(byRole.get(roleId), page);
    }

    @Override
    public synchronized Page<RoleAssignment> findByOrg(OrgId orgId, PageRequest page) {
        return page(byOrg.get(orgId), page);
    }

    @Override
    public synchronized int deleteByAssignee(Assignee assignee) {
        TreeMap<String, RoleAssignment> held = byAssignee.get(assignee);
        if (held == null) {
            return 0;
        }
        List<RoleAssignment> removed = new ArrayList<>(held.values());
        for (RoleAssignment a : removed) {
            byId.remove(a.id());
            unindex(a);
        }
        return removed.size();
    }

    private void unindex(RoleAssignment a) {
        String key = a.id().value();
        remove(byAssignee, a.assignee(), key);
        remove(byRole, a.roleId(), key);
        remove(byOrg, a.orgId(), key);
    }

    private static <K> void remove(Map<K, TreeMap<String, RoleAssignment>> index, K k, String key) {
        TreeMap<String, RoleAssignment> entries = index.get(k);
        if (entries != null) {
            entries.remove(key);
            if (entries.isEmpty()) {
                index.remove(k);
            }
        }
    }

    private static Page<RoleAssignment> page(NavigableMap<String, RoleAssignment> sorted, PageRequest page) {
        if (sorted == null) {
            return Page.empty();
        }
        NavigableMap<String, RoleAssignment> tail = page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<RoleAssignment> items = new ArrayList<>();
        for (RoleAssignment a : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(a);
        }
        return Page.of(items, page.limit(), a -> a.id().value());
    }
}
