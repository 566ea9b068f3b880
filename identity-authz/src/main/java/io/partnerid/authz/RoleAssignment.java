package io.partnerid.authz;

import io.partnerid.core.org.OrgId;
import java.util.Objects;
import java.util.Optional;

/**
 * A role held by a subject, as the host (or an adapter over the core role service) hands it to the engine.
 *
 * <p>Immutable and thread-safe. Without a grant, the role is resolved at {@code scope} (default: the subject's own
 * organization), which must lie in the subject's organization subtree, and applies to resources of the scope's
 * subtree. With a grant, the role comes from a cross-organization grant: it is resolved at the grantor organization
 * and only while the grant is active in the engine's snapshot, so revoking the grant voids the assignment.
 *
 * @param role the role name
 * @param scope the organization where the role is held, absent for the subject's own organization
 * @param grantId the cross-organization grant the assignment derives from, if any
 */
public record RoleAssignment(String role, Optional<OrgId> scope, Optional<String> grantId) {

    public RoleAssignment {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(grantId, "grantId");
    }

    /** A role held at the subject's own organization. */
    public static RoleAssignment of(String role) {
        return new RoleAssignment(role, Optional.empty(), Optional.empty());
    }

    /** A role held at {@code scope}, a sub-organization of the subject's organization (or the same). */
    public static RoleAssignment at(String role, OrgId scope) {
        return new RoleAssignment(role, Optional.of(scope), Optional.empty());
    }

    /** A role derived from the cross-organization grant {@code grantId}. */
    public static RoleAssignment viaGrant(String role, String grantId) {
        return new RoleAssignment(role, Optional.empty(), Optional.of(grantId));
    }
}
