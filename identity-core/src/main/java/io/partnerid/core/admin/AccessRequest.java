package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's request for a role at an organization, decided by an admin of that organization.
 *
 * <p>Immutable and thread-safe. A request is PENDING until an admin with {@code APPROVE_REQUESTS} approves or
 * denies it, or until it expires; approving creates a role assignment (time-bound when {@code accessUntil} is set).
 *
 * @param id the request's id
 * @param requester the user who asks
 * @param orgId the organization where the role would apply
 * @param roleId the role asked for
 * @param justification the requester's reason, at most 500 characters
 * @param accessUntil the end of the access asked for, if time-bound
 * @param status the request's state
 * @param createdAt when it was made
 * @param expiresAt when it expires if still pending
 * @param decidedBy who decided, once decided
 * @param decidedAt when, once decided
 * @param version the optimistic-concurrency version
 */
public record AccessRequest(AccessRequestId id, UserId requester, OrgId orgId, RoleId roleId, String justification,
                            Optional<Instant> accessUntil, Status status, Instant createdAt, Instant expiresAt,
                            Optional<Actor> decidedBy, Optional<Instant> decidedAt, long version) {

    /** The states of a request. */
    public enum Status { PENDING, APPROVED, DENIED, EXPIRED }

    public AccessRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requester, "requester");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(roleId, "roleId");
        Objects.requireNonNull(justification, "justification");
        Objects.requireNonNull(accessUntil, "accessUntil");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(decidedAt, "decidedAt");
        if (justification.length() > 500) {
            throw new IllegalArgumentException("justification must have at most 500 characters");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("a request expires after it is made");
        }
    }

    /** The request after a decision. */
    public AccessRequest decided(Status newStatus, Actor by, Instant at) {
        if (newStatus == Status.PENDING) {
            throw new IllegalArgumentException("a decision leaves PENDING");
        }
        return new AccessRequest(id, requester, orgId, roleId, justification, accessUntil, newStatus, createdAt,
                expiresAt, Optional.of(by), Optional.of(at), version);
    }
}
