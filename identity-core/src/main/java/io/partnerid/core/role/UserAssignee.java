package io.partnerid.core.role;

import io.partnerid.core.user.UserId;
import java.util.Objects;

/**
 * A role assigned directly to a user.
 *
 * <p>Immutable and thread-safe.
 *
 * @param userId the user
 */
public record UserAssignee(UserId userId) implements Assignee {

    public UserAssignee {
        Objects.requireNonNull(userId, "userId");
    }

    @Override
    public Kind kind() {
        return Kind.USER;
    }

    @Override
    public String id() {
        return userId.value();
    }

    @Override
    public String toString() {
        return "user:" + userId;
    }
}
