package io.partnerid.core.user;

import io.partnerid.core.org.OrgId;
import java.time.Instant;
import java.util.Objects;

/**
 * An explicit membership of a user in an organization other than its home organization, for people who work for
 * several partners or for the host.
 *
 * <p>Immutable and thread-safe. Unique per (user, organization). A membership covers exactly {@code orgId}; what
 * it lets the user do there comes from role assignments.
 *
 * @param userId the member
 * @param orgId the organization the user is a member of
 * @param since when the membership was created
 */
public record Membership(UserId userId, OrgId orgId, Instant since) {

    public Membership {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(since, "since");
    }
}
