package io.partnerid.core.org;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * An {@link OrganizationRepository} held in memory, for tests and local development.
 *
 * <p>Thread-safe: reads share a read lock, writes take the write lock, so subtree moves and suspensions are atomic.
 * Organizations are indexed by id and by path; a subtree query is a range of the path index.
 */
public final class InMemoryOrganizationRepository implements OrganizationRepository {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<OrgId, Organization> byId = new HashMap<>();
    private final TreeMap<String, Organization> byPath = new TreeMap<>();
    private long statusVersion;

    @Override
    public void insert(Organization organization) {
        if (organization.version() != 0) {
            throw new IllegalArgumentException("a new organization has version 0");
        }
        lock.writeLock().lock();
        try {
            if (byId.containsKey(organization.id())) {
                throw StoreErrors.duplicate("organization " + organization.id());
            }
            Organization parent = organization.parentId().map(byId::get).orElse(null);
            if (parent != null && !parent.path().child(organization.id()).equals(organization.path())) {
                // the parent moved since the caller read it: refuse rather than store a child with a stale path
                throw StoreErrors.conflict("parent of organization " + organization.id());
            }
            put(organization);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Organization update(Organization organization) {
        lock.writeLock().lock();
        try {
            Organization current = byId.get(organization.id());
            if (current == null) {
                throw StoreErrors.missing("organization " + organization.id());
            }
            if (current.version() != organization.version()) {
                throw StoreErrors.conflict("organization " + organization.id());
            }
            Organization stored = new Organization(current.id(), organization.name(), current.parentId(),
                    current.path(), organization.status(), organization.suspensionRoot(),
                    organization.contractRef(), current.createdAt(), current.version() + 1);
            put(stored);
            return stored;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public Optional<Organization> findById(OrgId id) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(byId.get(id));
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Page<Organization> findRoots(PageRequest page) {
        return pageById(page, org -> org.parentId().isEmpty());
    }

    @Override
    public Page<Organization> findChildren(OrgId parent, PageRequest page) {
        Optional<OrgId> wanted = Optional.of(parent);
        return pageById(page, org -> org.parentId().equals(wanted));
    }

    private Page<Organization> pageById(PageRequest page, java.util.function.Predicate<Organization> filter) {
        lock.readLock().lock();
        try {
            List<Organization> matches = new ArrayList<>();
            for (Organization org : byId.values()) {
                if (filter.test(org) && page.after().map(a -> org.id().value().compareTo(a) > 0).orElse(true)) {
                    matches.add(org);
                }
            }
            matches.sort((a, b) -> a.id().compareTo(b.id()));
            return Page.of(matches.subList(0, Math.min(matches.size(), page.limit() + 1)), page.limit(),
                    o -> o.id().value());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Page<Organization> findSubtree(OrgPath path, PageRequest page) {
        lock.readLock().lock();
        try {
            String from = page.after().orElse(path.value());
            boolean inclusive = page.after().isEmpty();
            List<Organization> matches = new ArrayList<>(page.limit() + 1);
            for (Organization org : byPath.tailMap(from, inclusive).values()) {
                if (!org.path().value().startsWith(path.value()) || matches.size() > page.limit()) {
                    break;
                }
                matches.add(org);
            }
            return Page.of(matches, page.limit(), o -> o.path().value());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long countSubtree(OrgPath path) {
        lock.readLock().lock();
        try {
            return subtree(path).size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int moveSubtree(OrgPath from, OrgPath to, OrgId newParent, long expectedVersion) {
        lock.writeLock().lock();
        try {
            Organization root = byPath.get(from.value());
            if (root == null) {
                throw StoreErrors.missing("organization at " + from);
            }
            if (root.version() != expectedVersion) {
                throw StoreErrors.conflict("organization " + root.id());
            }
            List<Organization> moving = subtree(from);
            for (Organization org : moving) {
                byPath.remove(org.path().value());
            }
            for (Organization org : moving) {
                put(org.rebased(from, to, Optional.of(newParent)).withVersion(org.version() + 1));
            }
            statusVersion++;
            return moving.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<OrgId> suspendSubtree(OrgPath path, OrgId suspensionRoot) {
        lock.writeLock().lock();
        try {
            List<OrgId> changed = new ArrayList<>();
            for (Organization org : subtree(path)) {
                if (org.isActive()) {
                    put(org.suspendedBy(suspensionRoot).withVersion(org.version() + 1));
                    changed.add(org.id());
                }
            }
            if (!changed.isEmpty()) {
                statusVersion++;
            }
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<OrgId> resumeSubtree(OrgPath path, OrgId suspensionRoot) {
        lock.writeLock().lock();
        try {
            List<OrgId> changed = new ArrayList<>();
            for (Organization org : subtree(path)) {
                if (org.suspensionRoot().equals(Optional.of(suspensionRoot))) {
                    put(org.resumed().withVersion(org.version() + 1));
                    changed.add(org.id());
                }
            }
            if (!changed.isEmpty()) {
                statusVersion++;
            }
            return changed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public long statusVersion() {
        lock.readLock().lock();
        try {
            return statusVersion;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Caller holds a lock. */
    private List<Organization> subtree(OrgPath path) {
        // '/' + 1 == '0'; every descendant path starts with path.value(), so it sorts before path + '\uffff'.
        return new ArrayList<>(byPath.subMap(path.value(), true, path.value() + Character.MAX_VALUE, false).values());
    }

    /** Caller holds the write lock. */
    private void put(Organization org) {
        byId.put(org.id(), org);
        byPath.put(org.path().value(), org);
    }
}
