package io.partnerid.core.role;

import io.partnerid.core.group.GroupId;
import io.partnerid.core.user.UserId;

/**
 * Who a role is assigned to: a user ({@link UserAssignee}) or a group ({@link GroupAssignee}), whose members,
 * including the members of its descendant groups, then hold the role.
 *
 * <p>Implementations are immutable and thread-safe. The pair ({@link #kind()}, {@link #id()}) is the storage form.
 */
public sealed interface Assignee permits UserAssignee, GroupAssignee {

    /** The kinds of assignees, as stored. */
    enum Kind {
        /** A {@link UserAssignee}. */
        USER,
        /** A {@link GroupAssignee}. */
        GROUP
    }

    /** The kind of assignee. */
    Kind kind();

    /** The id of the user or group. */
    String id();

    /** Rebuilds an assignee from its storage form. */
    static Assignee of(Kind kind, String id) {
        return switch (kind) {
            case USER -> new UserAssignee(UserId.of(id));
            case GROUP -> new GroupAssignee(GroupId.of(id));
        };
    }
}
