package io.partnerid.core.user;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * An identity pool: the isolation unit for users and their credentials, owned by exactly one organization.
 *
 * <p>Immutable and thread-safe. A user lives in exactly one pool, and the pool's organization is the user's home
 * organization. {@code version} is the optimistic-concurrency counter kept by the {@link IdentityPoolRepository}.
 *
 * @param id the immutable id
 * @param orgId the owning organization; never changes
 * @param name a display name, 1 to 200 characters
 * @param createdAt when the pool was created
 * @param version the optimistic-concurrency version, starting at 0
 */
public record IdentityPool(PoolId id, OrgId orgId, String name, Instant createdAt, long version) {

    public IdentityPool {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("pool name must have 1 to 200 characters");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The same pool renamed, at the same version (the repository checks and increments it). */
    public IdentityPool withName(String newName) {
        return new IdentityPool(id, orgId, newName, createdAt, version);
    }

    /** The same pool at the version the repository assigned after a write. */
    public IdentityPool withVersion(long newVersion) {
        return new IdentityPool(id, orgId, name, createdAt, newVersion);
    }
}
