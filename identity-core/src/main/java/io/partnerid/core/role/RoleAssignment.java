package io.partnerid.core.role;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The assignment of a role to a user or group at an organization, optionally bound to a validity window
 * (time-bound access).
 *
 * <p>Immutable and thread-safe. The assignment counts at an instant {@code t} only inside the half-open window
 * {@code [validFrom, validUntil)}; an absent bound is open. It applies at {@code orgId}, and also at every
 * descendant of {@code orgId} when the role is inheritable. Assignments are never updated: they are made and
 * revoked.
 *
 * @param id the immutable id
 * @param roleId the role
 * @param assignee the user or group holding it
 * @param orgId the organization where the assignment applies
 * @param validFrom the first instant at which it counts, if bounded
 * @param validUntil the first instant at which it no longer counts, if bounded; after {@code validFrom}
 * @param grantedBy who made the assignment
 * @param createdAt when it was made
 */
public record RoleAssignment(RoleAssignmentId id, RoleId roleId, Assignee assignee, OrgId orgId,
                             Optional<Instant> validFrom, Optional<Instant> validUntil, Actor grantedBy,
                             Instant createdAt) {

    public RoleAssignment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(assignee, "assignee");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(validUntil, "validUntil");
        Objects.requireNonNull(grantedBy, "grantedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (validFrom.isPresent() && validUntil.isPresent() && !validFrom.get().isBefore(validUntil.get())) {
            throw new IllegalArgumentException("validFrom must be before validUntil");
        }
    }

    /** True when {@code instant} lies inside {@code [validFrom, validUntil)}. */
    public boolean isActiveAt(Instant instant) {
        Objects.requireNonNull(instant, "instant");
        return validFrom.map(f -> !instant.isBefore(f)).orElse(true)
                && validUntil.map(instant::isBefore).orElse(true);
    }
}
