package io.partnerid.authz.grant;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * A role of a cross-organization grant assigned by the grantee's admin to one of its users.
 *
 * <p>Immutable and thread-safe.
 *
 * @param grantId the grant it derives from
 * @param subjectOrg the user's organization (inside the grantee's subtree)
 * @param subjectId the user
 * @param role the granted role
 * @param assignedAt when
 * @param assignedBy who assigned it ({@code type:id})
 */
public record GrantAssignment(String grantId, OrgId subjectOrg, String subjectId, String role, Instant assignedAt,
                              String assignedBy) {

    public GrantAssignment {
        Objects.requireNonNull(grantId, "grantId");
        Objects.requireNonNull(subjectOrg, "subjectOrg");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(assignedAt, "assignedAt");
        Objects.requireNonNull(assignedBy, "assignedBy");
    }
}
