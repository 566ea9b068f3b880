package io.partnerid.authz.grant;

import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of cross-organization grants and of the assignments derived from them.
 *
 * <p>Called by {@link CrossOrgGrantService} on administration paths (never per decision: the engine keeps the grants
 * in its snapshot). Implementations must be thread-safe; {@link #saveGrant} is an upsert keyed by grant id,
 * {@link #saveAssignment} is idempotent on (grant, subject organization, subject, role). {@link #deleteGrant} removes
 * the grant and every assignment derived from it in one step and returns those assignments. Absence is an empty
 * {@code Optional} or list.
 */
public interface GrantRepository {

    /** Inserts or replaces a grant. */
    void saveGrant(GrantDef grant);

    /** The grant, if it exists. */
    Optional<GrantDef> findGrant(String grantId);

    /** Every grant, in id order. */
    List<GrantDef> allGrants();

    /** Records an assignment (idempotent). */
    void saveAssignment(GrantAssignment assignment);

    /** The assignments of a subject, across grants. */
    List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId);

    /** Removes a grant and all its assignments; returns the removed assignments (empty when the grant was absent). */
    List<GrantAssignment> deleteGrant(String grantId);
}
