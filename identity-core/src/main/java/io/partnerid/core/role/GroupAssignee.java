package io.partnerid.core.role;

import io.partnerid.core.group.GroupId;
import java.util.Objects;

/**
 * A role assigned to a group: every member of the group or of one of its descendant groups holds it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param groupId the group
 */
public record GroupAssignee(GroupId groupId) implements Assignee {

    public GroupAssignee {
        Objects.requireNonNull(groupId, "groupId");
    }

    @Override
    public Kind kind() {
        return Kind.GROUP;
    }

    @Override
    public String id() {
        return groupId.value();
    }

    @Override
    public String toString() {
        return "group:" + groupId;
    }
}
