package io.partnerid.core.admin;

import io.partnerid.core.role.RoleId;
import io.partnerid.core.user.PoolId;
import java.util.Objects;
import java.util.Set;

/**
 * An invitation into a pool, with roles assigned at the pool's organization on acceptance. Immutable and
 * thread-safe.
 *
 * @param poolId the pool
 * @param email where the host sends the invitation
 * @param roles the roles to assign on acceptance
 */
public record NewInvitation(PoolId poolId, String email, Set<RoleId> roles) {
    public NewInvitation {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(email, "email");
        roles = Set.copyOf(roles);
    }
}
