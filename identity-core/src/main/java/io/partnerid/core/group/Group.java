package io.partnerid.core.group;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A group of users inside one organization, optionally nested under a parent group of the same organization.
 *
 * <p>Immutable and thread-safe. Nesting means inclusion: a member of a child group is, in effect, a member of every
 * ancestor group (see {@link GroupService#effectiveGroups}). Group names are display names and need not be unique.
 *
 * @param id the immutable id
 * @param orgId the owning organization; never changes
 * @param name a display name, 1 to 200 characters
 * @param parent the parent group (same organization), absent for a top-level group
 * @param createdAt when the group was created
 * @param version the optimistic-concurrency version, starting at 0
 */
public record Group(GroupId id, OrgId orgId, String name, Optional<GroupId> parent, Instant createdAt,
                    long version) {

    public Group {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name.isBlank() || name.length() > 200) {
            throw new IllegalArgumentException("group name must have 1 to 200 characters");
        }
        if (parent.isPresent() && parent.get().equals(id)) {
            throw new IllegalArgumentException("a group cannot be its own parent");
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative");
        }
    }

    /** The same group renamed, at the same version. */
    public Group withName(String newName) {
        return new Group(id, orgId, newName, parent, createdAt, version);
    }

    /** The same group under another parent, at the same version. */
    public Group withParent(Optional<GroupId> newParent) {
        return new Group(id, orgId, name, newParent, createdAt, version);
    }

    /** The same group at the version the repository assigned after a write. */
    public Group withVersion(long newVersion) {
        return new Group(id, orgId, name, parent, createdAt, newVersion);
    }
}
