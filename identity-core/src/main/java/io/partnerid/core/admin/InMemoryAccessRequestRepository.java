package io.partnerid.core.admin;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * An {@link AccessRequestRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: a concurrent map whose atomic {@code compute} enforces the version check.
 */
public final class InMemoryAccessRequestRepository implements AccessRequestRepository {

    private final Map<AccessRequestId, AccessRequest> requests = new ConcurrentHashMap<>();

    @Override
    public void insert(AccessRequest request) {
        if (request.version() != 0) {
            throw new IllegalArgumentException("a new request has version 0");
        }
        if (requests.putIfAbsent(request.id(), request) != null) {
            throw StoreErrors.duplicate("access request " + request.id());
        }
    }

    @Override
    public AccessRequest update(AccessRequest request) {
        AccessRequest stored = requests.computeIfPresent(request.id(), (id, current) -> {
            if (current.version() != request.version()) {
                throw StoreErrors.conflict("access request " + id);
            }
            return new AccessRequest(id, request.requester(), request.orgId(), request.roleId(),
                    request.justification(), request.accessUntil(), request.status(), request.createdAt(),
                    request.expiresAt(), request.decidedBy(), request.decidedAt(), current.version() + 1);
        });
        if (stored == null) {
            throw StoreErrors.missing("access request " + request.id());
        }
        return stored;
    }

    @Override
    public Optional<AccessRequest> findById(AccessRequestId id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public Page<AccessRequest> findPendingByOrg(OrgId orgId, PageRequest page) {
        return page(r -> r.orgId().equals(orgId) && r.status() == AccessRequest.Status.PENDING, page);
    }

    @Override
    public Page<AccessRequest> findByRequester(UserId requester, PageRequest page) {
        return page(r -> r.requester().equals(requester), page);
    }

    @Override
    public List<AccessRequest> findPendingExpiredAt(Instant now, int limit) {
        return requests.values().stream()
                .filter(r -> r.status() == AccessRequest.Status.PENDING && !r.expiresAt().isAfter(now))
                .sorted(Comparator.comparing(AccessRequest::expiresAt).thenComparing(r -> r.id().value()))
                .limit(limit).toList();
    }

    private Page<AccessRequest> page(Predicate<AccessRequest> filter, PageRequest page) {
        List<AccessRequest> matches = requests.values().stream().filter(filter)
                .filter(r -> page.after().map(a -> r.id().value().compareTo(a) > 0).orElse(true))
                .sorted(Comparator.comparing(r -> r.id().value()))
                .limit(page.limit() + 1L).toList();
        return Page.of(matches, page.limit(), r -> r.id().value());
    }
}
