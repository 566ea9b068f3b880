package io.partnerid.authz.grant;

import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of cross-organization grants and of the assignments derived from them.
 *
 * <p>Called by {@link CrossOrgGrantService} on administration paths and, for {@link #version()} (plus a rebuild when
 * it moved), on each periodic {@link CrossOrgGrantService#refresh()}; never per decision (the engine keeps the grants
 * in its snapshot). Implementations must be thread-safe, and safe when several nodes share one store:
 * <ul>
 *   <li>{@link #saveGrant} is an upsert keyed by grant id: the grant is replaced as a whole (last writer wins) and
 *       its existing assignments are kept unchanged;</li>
 *   <li>{@link #saveAssignment} is idempotent on (grant, subject organization, subject, role): the first save wins,
 *       a repeated save changes nothing; it refuses an assignment whose grant does not exist, atomically with
 *       respect to {@link #deleteGrant}, so that an assignment never outlives its grant, even when a revocation and
 *       an assignment race on two nodes;</li>
 *   <li>{@link #deleteGrant} removes the grant and every assignment derived from it in one atomic step and returns
 *       exactly the assignments it removed;</li>
 *   <li>{@link #version} is a counter of the grant set shared by every node of the store: it strictly increases with
 *       every committed {@link #saveGrant} and every {@link #deleteGrant} that removed a grant, atomically with that
 *       change (once a read can see the change, a later read of the version sees the increase, and the reverse).</li>
 * </ul>
 * Absence is an empty {@code Optional} or list. Instants are kept to the microsecond at least. Nothing here is
 * secret; no value needs hashing. {@link InMemoryGrantRepository} and {@link JdbcGrantRepository} implement it.
 */
public interface GrantRepository {

    /** The most assignments {@link #assignmentsOf} returns for one subject. */
    int MAX_ASSIGNMENTS_PER_SUBJECT = 10_000;

    /**
     * Inserts or replaces a grant (upsert by id; its assignments are kept) and increases {@link #version()} in the
     * same atomic step, even when the grant is saved unchanged.
     */
    void saveGrant(GrantDef grant);

    /** The grant, if it exists. */
    Optional<GrantDef> findGrant(String grantId);

    /**
     * One page of the grants in id order ({@link String#compareTo} order); the cursor is the last grant id of the
     * page.
     */
    Page<GrantDef> listGrants(PageRequest page);

    /**
     * Every grant, in id order: reads {@link #listGrants} page by page. Called when the engine's grant set is
     * rebuilt (at start-up, after each grant or revocation, and when a refresh finds a new {@link #version()}); the
     * engine holds every grant in memory anyway.
     */
    default List<GrantDef> allGrants() {
        return Page.all(this::listGrants, PageRequest.MAX_LIMIT);
    }

    /**
     * Records an assignment; idempotent (an existing identical key keeps its first {@code assignedAt} and
     * {@code assignedBy}).
     *
     * @throws io.partnerid.core.IdentityException {@code store.missing} when the grant does not exist (or is being
     *     deleted concurrently)
     */
    void saveAssignment(GrantAssignment assignment);

    /**
     * The assignments of a subject across grants, ordered by grant id then role; at most
     * {@link #MAX_ASSIGNMENTS_PER_SUBJECT}. Called when the subject's role assignments are assembled.
     */
    List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId);

    /**
     * Removes a grant and all its assignments atomically; returns the removed assignments ordered by subject
     * organization, subject and role (empty when the grant was absent, or present without assignments). When a grant
     * was removed, {@link #version()} increases in the same atomic step; deleting an absent grant leaves it as it was.
     */
    List<GrantAssignment> deleteGrant(String grantId);

    /**
     * The version of the grant set: a counter shared by every node of the store that strictly increases with every
     * committed {@link #saveGrant} and every {@link #deleteGrant} that removed a grant, atomically with the change.
     * Assignments do not change it (the engine does not hold them).
     *
     * <p>Called by {@link CrossOrgGrantService} before it reads {@link #allGrants()} (at start-up, after each of its
     * own changes and on every {@link CrossOrgGrantService#refresh()}), to tell whether its engine's grants are
     * current; never per decision. It must be a cheap read (one row, one key). Reading the version <em>before</em>
     * the grants means that a change committed in between is seen again, with a newer version, on the next refresh:
     * at worst one extra rebuild, never a missed revocation. Only inequality is compared; the size of an increase
     * carries no meaning.
     */
    long version();
}
