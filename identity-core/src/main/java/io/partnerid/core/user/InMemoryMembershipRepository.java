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
import java.util.function.Function;

/**
 * A {@link MembershipRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: every method synchronizes on the repository, so each call is atomic.
 */
public final class InMemoryMembershipRepository implements MembershipRepository {

    private final Map<UserId, TreeMap<String, Membership>> byUser = new HashMap<>();
    private final Map<OrgId, TreeMap<String, Membership>> byOrg = new HashMap<>();

    @Override
    public synchronized void insert(Membership membership) {
        TreeMap<String, Membership> ofUser = byUser.computeIfAbsent(membership.userId(), u -> new TreeMap<>());
        if (ofUser.containsKey(membership.orgId().value())) {
            throw StoreErrors.duplicate("membership of " + membership.userId() + " in " + membership.orgId());
        }
        ofUser.put(membership.orgId().value(), membership);
        byOrg.computeIfAbsent(membership.orgId(), o -> new TreeMap<>()).put(membership.userId().value(), membership);
    }

    @Override
    public synchronized boolean delete(UserId userId, OrgId orgId) {
        TreeMap<String, Membership> ofUser = byUser.get(userId);
        if (ofUser == null || ofUser.remove(orgId.value()) == null) {
            return false;
        }
        byOrg.get(orgId).remove(userId.value());
        return true;
    }

    @Override
    public synchronized Optional<Membership> find(UserId userId, OrgId orgId) {
        return Optional.ofNullable(byUser.getOrDefault(userId, new TreeMap<>()).get(orgId.value()));
    }

    @Override
    public synchronized Page<Membership> findByUser(UserId userId, PageRequest page) {
        return page(byUser.getOrDefault(userId, new TreeMap<>()), page, m -> m.orgId().value());
    }

    @Override
    public synchronized Page<Membership> findByOrg(OrgId orgId, PageRequest page) {
        return page(byOrg.getOrDefault(orgId, new TreeMap<>()), page, m -> m.userId().value());
    }

    private static Page<Membership> page(NavigableMap<String, Membership> sorted, PageRequest page,
                                         Function<Membership, String> cursor) {
        NavigableMap<String, Membership> tail = page.after().map(a -> sorted.tailMap(a, false)).orElse(sorted);
        List<Membership> items = new ArrayList<>();
        for (Membership m : tail.values()) {
            if (items.size() > page.limit()) {
                break;
            }
            items.add(m);
        }
        return Page.of(items, page.limit(), cursor);
    }
}
