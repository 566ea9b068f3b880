package io.partnerid.core.group;

import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.UserId;
import java.time.Instant;
import java.util.Objects;

/**
 * A direct membership of a user in a group.
 *
 * <p>Immutable and thread-safe. Unique per (group, user). {@code orgId} is the group's organization, carried so that
 * every row names its tenant.
 *
 * @param groupId the group
 * @param userId the member
 * @param orgId the group's organization
 * @param addedAt when the user was added
 */
public record GroupMembership(GroupId groupId, UserId userId, OrgId orgId, Instant addedAt) {

    public GroupMembership {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(addedAt, "addedAt");
    }
}
