package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AdminGrantRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: a concurrent map; listings scan it.
 */
public final class InMemoryAdminGrantRepository implements AdminGrantRepository {

    private final Map<AdminGrantId, AdminGrant> grants = new ConcurrentHashMap<>();

    @Override
    public void insert(AdminGrant grant) {
        if (grants.putIfAbsent(grant.id(), grant) != null) {
            throw StoreErrors.duplicate("admin grant " + grant.id());
        }
    }

    @Override
    public boolean delete(AdminGrantId id) {
        return grants.remove(id) != null;
    }

    @Override
    public Optional<AdminGrant> findById(AdminGrantId id) {
        return Optional.ofNullable(grants.get(id));
    }

    @Override
    public List<AdminGrant> findByPrincipal(Actor principal) {
        return grants.values().stream().filter(g -> g.principal().equals(principal))
                .sorted(Comparator.comparing(g -> g.id().value())).toList();
    }

    @Override
    public Page<AdminGrant> findByScope(OrgId scope, PageRequest page) {
        List<AdminGrant> matches = grants.values().stream()
                .filter(g -> g.scope().equals(scope))
                .filter(g -> page.after().map(a -> g.id().value().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(g -> g.id().value()))
                .limit(page.limit() + 1L)
                .toList();
        return Page.of(matches, page.limit(), g -> g.id().value());
    }
}
