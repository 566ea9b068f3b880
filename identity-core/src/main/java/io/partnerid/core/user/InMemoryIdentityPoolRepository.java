package io.partnerid.core.user;

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
 * An {@link IdentityPoolRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call is atomic.
 */
public final class InMemoryIdentityPoolRepository implements IdentityPoolRepository {

    private final Map<PoolId, IdentityPool> byId = new HashMap<>();
    private final Map<OrgId, TreeMap<String, IdentityPool>> byOrg = new HashMap<>();

    @Override
    public synchronized void insert(IdentityPool pool) {
        if (pool.version() != 0) {
            throw new IllegalArgumentException("a new pool has version 0");
        }
        if (byId.containsKey(pool.id())) {
            throw StoreErrors.duplicate("pool " + pool.id());
        }
        put(pool);
    }

    @Override
    public synchronized IdentityPool update(IdentityPool pool) {
        IdentityPool current = byId.get(pool.id());
        if (current == null) {
            throw StoreErrors.missing("pool " + pool.id());
        }
        if (current.version() != pool.version()) {
            throw StoreErrors.conflict("pool " + pool.id());
        }
        IdentityPool stored = current.withName(pool.name()).withVersion(current.version() + 1);
        put(stored);
        return stored;
    }

    @Override
    public synchronized Optional<IdentityPool> findById(PoolId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Page<IdentityPool> findByOrg(OrgId orgId, PageRequest page) {
        return page(byOrg.getOrDefault(orgId, new TreeMap<>()), page);
    }

    private void put(IdentityPool pool) {
        byId.put(pool.id(), pool);
        byOrg.computeIfAbsent(pool.orgId(), o -> new TreeMap<>()).put(pool.id().value(), pool);
    }

    private static Page<IdentityPool> page(NavigableMap<String, IdentityPool> sorted, PageRequest page) {
        NavigableMap<String, IdentityPool> tail = page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<IdentityPool> items = new ArrayList<>(Math.min(page.limit() + 1, 64));
        for (IdentityPool pool : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(pool);
        }
        return Page.of(items, page.limit(), p -> p.id().value());
    }
}
