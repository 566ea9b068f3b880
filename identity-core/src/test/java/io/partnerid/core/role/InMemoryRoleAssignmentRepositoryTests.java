package io.partnerid.core.role;

import io.partnerid.testkit.role.RoleAssignmentRepositoryContract;

/** Runs the shared {@code RoleAssignmentRepositoryContract} against {@link InMemoryRoleAssignmentRepository}. */
class InMemoryRoleAssignmentRepositoryTests extends RoleAssignmentRepositoryContract {

    @Override
    protected RoleAssignmentRepository repository() {
        return new InMemoryRoleAssignmentRepository();
    }
}
