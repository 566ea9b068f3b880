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
 * A {@link RoleRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call (including the name uniqueness check)
 * is atomic.
 */
public final class InMemoryRoleRepository implements RoleRepository {

    private final Map<RoleId, Role> byId = new HashMap<>();
    private final Map<OrgId, TreeMap<String, Role>> byOrg = new HashMap<>();
    private final Map<OrgId, Map<String, RoleId>> names = new HashMap<>();

    @Override
    public synchronized void insert(Role role) {
        if (role.version() != 0) {
            throw new IllegalArgumentException("a new role has version 0");
        }
        if (byId.containsKey(role.id())) {
            throw StoreErrors.duplicate("role " + role.id());
        }
        if (names.getOrDefault(role.orgId(), Map.of()).containsKey(role.name())) {
            throw StoreErrors.duplicate("role name in organization " + role.orgId());
        }
        put(role);
    }

    @Override
    public synchronized Role update(Role role) {
        Role current = byId.get(role.id());
        if (current == null) {
            throw StoreErrors.missing("role " + role.id());
        }
        if (current.version() != role.version()) {
            throw StoreErrors.conflict("role " + role.id());
        }
        Map<String, RoleId> ofOrg = names.get(current.orgId());
        RoleId holder = ofOrg.get(role.name());
        if (holder != null && !holder.equals(current.id())) {
            throw StoreErrors.duplicate("role name in organization " + current.orgId());
        }
        Role stored = current.withDefinition(role.name(), role.permissions(), role.inheritable())
                .withVersion(current.version() + 1);
        ofOrg.remove(current.name());
        put(stored);
        return stored;
    }

    @Override
    public synchronized Optional<Role> findById(RoleId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<Role> findByName(OrgId orgId, String name) {
        RoleId id = names.getOrDefault(orgId, Map.of()).get(name);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    @Override
    public synchronized Page<Role> findByOrg(OrgId orgId, PageRequest page) {
        NavigableMap<String, Role> sorted = byOrg.getOrDefault(orgId, new TreeMap<>());
        NavigableMap<String, Role> tail = page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<Role> items = new ArrayList<>();
        for (Role role : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(role);
        }
        return Page.of(items, page.limit(), r -> r.id().value());
    }

    private void put(Role role) {
        byId.put(role.id(), role);
        byOrg.computeIfAbsent(role.orgId(), o -> new TreeMap<>()).put(role.id().value(), role);
        names.computeIfAbsent(role.orgId(), o -> new HashMap<>()).put(role.name(), role.id());
    }
}
