package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An invitation for someone to join an identity pool, with the roles they will receive.
 *
 * <p>Immutable and thread-safe. Only the SHA-256 hash of the invitation token is stored; the token itself is
 * returned once, in the {@link InvitationTicket}. An invitation is single-use and expires.
 *
 * @param id the invitation's id
 * @param orgId the organization owning the pool
 * @param poolId the pool the invitee joins
 * @param email where the invitation is sent (informational: the token, not the email, proves the invitation)
 * @param roles the roles assigned at {@code orgId} on acceptance
 * @param tokenHash hex SHA-256 of the token
 * @param status the invitation's state
 * @param invitedBy who invited
 * @param createdAt when
 * @param expiresAt until when it can be redeemed
 * @param acceptedBy the user created on acceptance
 * @param version the optimistic-concurrency version
 */
public record Invitation(InvitationId id, OrgId orgId, PoolId poolId, String email, Set<RoleId> roles,
                         String tokenHash, Status status, Actor invitedBy, Instant createdAt, Instant expiresAt,
                         Optional<UserId> acceptedBy, long version) {

    /** The states of an invitation. */
    public enum Status { PENDING, ACCEPTED, REVOKED }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(acceptedBy, "acceptedBy");
        if (!tokenHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("tokenHash must be a hex SHA-256");
        }
        if (!expiresAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("an invitation expires after it is made");
        }
    }

    /** The invitation after acceptance by {@code user}. */
    public Invitation accepted(UserId user) {
        return new Invitation(id, orgId, poolId, email, roles, tokenHash, Status.ACCEPTED, invitedBy, createdAt,
                expiresAt, Optional.of(user), version);
    }

    /** The invitation claimed by a redemption in progress: no longer PENDING, no user yet. */
    public Invitation claimed() {
        return new Invitation(id, orgId, poolId, email, roles, tokenHash, Status.ACCEPTED, invitedBy, createdAt,
                expiresAt, Optional.empty(), version);
    }

    /** The invitation pending again after a redemption failed before creating the user. */
    public Invitation reopened() {
        return new Invitation(id, orgId, poolId, email, roles, tokenHash, Status.PENDING, invitedBy, createdAt,
                expiresAt, Optional.empty(), version);
    }

    /** The invitation revoked. */
    public Invitation revoked() {
        return new Invitation(id, orgId, poolId, email, roles, tokenHash, Status.REVOKED, invitedBy, createdAt,
                expiresAt, acceptedBy, version);
    }
}
