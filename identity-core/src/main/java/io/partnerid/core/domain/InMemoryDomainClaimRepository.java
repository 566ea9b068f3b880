package io.partnerid.core.domain;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link DomainClaimRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: reads share a read lock, writes take the write lock, so the "one verified claim per domain" check
 * and the write happen atomically.
 */
public final class InMemoryDomainClaimRepository implements DomainClaimRepository {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<OrgId, TreeMap<String, DomainClaim>> byOrg = new HashMap<>();
    private final Map<DomainName, OrgId> verifiedOwners = new HashMap<>();

    @Override
    public void insert(DomainClaim claim) {
        Objects.requireNonNull(claim, "claim");
        if (claim.version() != 0) {
            throw new IllegalArgumentException("a new claim has version 0");
        }
        lock.writeLock().lock();
        try {
            if (current(claim.orgId(), claim.domain()) != null) {
                throw StoreErrors.duplicate("claim of " + claim.orgId() + " on " + claim.domain());
            }
            requireNoOtherVerifiedOwner(claim);
            put(claim);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public DomainClaim update(DomainClaim claim) {
        Objects.requireNonNull(claim, "claim");
        lock.writeLock().lock();
        try {
            DomainClaim current = current(claim.orgId(), claim.domain());
            if (current == null) {
                throw StoreErrors.missing("claim of " + claim.orgId() + " on " + claim.domain());
            }
            if (current.version() != claim.version()) {
                throw StoreErrors.conflict("claim of " + claim.orgId() + " on " + claim.domain());
            }
            requireNoOtherVerifiedOwner(claim);
            DomainClaim stored = claim.withVersion(current.version() + 1);
            put(stored);
            return stored;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<DomainClaim> find(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        lock.readLock().lock();
        try {
            return Optional.ofNullable(current(orgId, domain));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<DomainClaim> findVerified(DomainName domain) {
        Objects.requireNonNull(domain, "domain");
        lock.readLock().lock();
        try {
            OrgId owner = verifiedOwners.get(domain);
            return owner == null ? Optional.empty() : Optional.of(current(owner, domain));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Page<DomainClaim> findByOrg(OrgId orgId, PageRequest page) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(page, "page");
        lock.readLock().lock();
        try {
            TreeMap<String, DomainClaim> claims = byOrg.get(orgId);
            if (claims == null) {
                return Page.empty();
            }
            NavigableMap<String, DomainClaim> tail = page.after().isPresent()
                    ? claims.tailMap(page.after().get(), false) : claims;
            List<DomainClaim> candidates = new ArrayList<>(page.limit() + 1);
            for (DomainClaim claim : tail.values()) {
                if (candidates.size() > page.limit()) {
                    break;
                }
                candidates.add(claim);
            }
            return Page.of(candidates, page.limit(), c -> c.domain().value());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public boolean delete(OrgId orgId, DomainName domain) {
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(domain, "domain");
        lock.writeLock().lock();
        try {
            TreeMap<String, DomainClaim> claims = byOrg.get(orgId);
            DomainClaim removed = claims == null ? null : claims.remove(domain.value());
            if (removed == null) {
                return false;
            }
            if (claims.isEmpty()) {
                byOrg.remove(orgId);
            }
            verifiedOwners.remove(domain, orgId);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Caller holds a lock. */
    private DomainClaim current(OrgId orgId, DomainName domain) {
        TreeMap<String, DomainClaim> claims = byOrg.get(orgId);
        return claims == null ? null : claims.get(domain.value());
    }

    /** Caller holds the write lock. */
    private void requireNoOtherVerifiedOwner(DomainClaim claim) {
        if (!claim.isVerified()) {
            return;
        }
        OrgId owner = verifiedOwners.get(claim.domain());
        if (owner != null && !owner.equals(claim.orgId())) {
            throw StoreErrors.duplicate("verified claim on " + claim.domain());
        }
    }

    /** Caller holds the write lock. */
    private void put(DomainClaim claim) {
        byOrg.computeIfAbsent(claim.orgId(), o -> new TreeMap<>()).put(claim.domain().value(), claim);
        if (claim.isVerified()) {
            verifiedOwners.put(claim.domain(), claim.orgId());
        } else {
            verifiedOwners.remove(claim.domain(), claim.orgId());
        }
    }
}
