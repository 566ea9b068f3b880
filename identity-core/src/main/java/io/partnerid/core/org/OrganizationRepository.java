package io.partnerid.core.org;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of the organization tree.
 *
 * <p>Implementations must be thread-safe and every method atomic. The SDK ships
 * {@link InMemoryOrganizationRepository} (for tests and local development) and a JDBC implementation; both pass
 * {@code OrganizationRepositoryContract} from {@code identity-testkit}. Tree rules (no cycles, parents exist, a
 * suspended parent gets no children) are enforced by {@link OrganizationService}, not here: the repository stores
 * what it is given, keeps versions and answers queries.
 *
 * <p>Optimistic concurrency: every write that changes a row increments its {@code version}; a write that names a
 * stale version fails with {@code store.conflict}, so no update is ever lost.
 */
public interface OrganizationRepository {

    /**
     * Stores a new organization, called when an organization is created. The given version must be 0.
     *
     * @throws io.partnerid.core.IdentityException {@code store.duplicate} when the id exists, {@code store.conflict}
     *     when the parent is stored under a path other than the one the new organization's path extends (the
     *     parent moved since the caller read it)
     */
    void insert(Organization organization);

    /**
     * Replaces the name, status, suspension root and contract reference of an existing organization, provided
     * its stored version equals {@code organization.version()}; its parent and path are changed only by
     * {@link #moveSubtree}.
     *
     * @return the stored organization with its new version
     * @throws io.partnerid.core.IdentityException {@code store.conflict} on a stale version, {@code store.missing}
     *     when the organization does not exist
     */
    Organization update(Organization organization);

    /** Looks an organization up by id; empty when it does not exist. */
    Optional<Organization> findById(OrgId id);

    /** The root organizations (tenants), ordered by id; the cursor is the last id. */
    Page<Organization> findRoots(PageRequest page);

    /** The direct children of {@code parent}, ordered by id; the cursor is the last id. */
    Page<Organization> findChildren(OrgId parent, PageRequest page);

    /**
     * The organization at {@code path} and all its descendants, ordered by path; the cursor is the last path.
     * Implementations answer with one index range scan on the path.
     */
    Page<Organization> findSubtree(OrgPath path, PageRequest page);

    /** The number of organizations in the subtree at {@code path}, itself included. */
    long countSubtree(OrgPath path);

    /**
     * Moves the subtree rooted at {@code from} so that its root gets the path {@code to} and the parent
     * {@code newParent}: every descendant's path is rewritten and its version incremented, in one atomic step.
     *
     * @param expectedVersion the version of the subtree root as read by the caller
     * @return the number of organizations moved
     * @throws io.partnerid.core.IdentityException {@code store.conflict} when the root's version is stale
     */
    int moveSubtree(OrgPath from, OrgPath to, OrgId newParent, long expectedVersion);

    /**
     * Suspends every ACTIVE organization of the subtree at {@code path}, recording {@code suspensionRoot} as the
     * cause; organizations that are already suspended keep their own cause. Atomic.
     *
     * @return the ids that changed from ACTIVE to SUSPENDED, ordered by path
     */
    List<OrgId> suspendSubtree(OrgPath path, OrgId suspensionRoot);

    /**
     * Reactivates the organizations of the subtree at {@code path} that were suspended by {@code suspensionRoot};
     * organizations suspended by another cause stay suspended. Atomic.
     *
     * @return the ids that changed to ACTIVE, ordered by path
     */
    List<OrgId> resumeSubtree(OrgPath path, OrgId suspensionRoot);

    /**
     * A counter of the deployment's status and placement changes: it increases, in the same atomic step, with every
     * {@link #suspendSubtree}, {@link #resumeSubtree} and {@link #moveSubtree} that changed at least one
     * organization, and never decreases. Nodes that cache organization status ({@link OrganizationStatusCache})
     * read it to learn, with one cheap read, whether anything they cached may have changed on another node.
     *
     * <p>Called by each node at most once per cache staleness period (sub-second); must be a single-row read.
     */
    long statusVersion();
}
