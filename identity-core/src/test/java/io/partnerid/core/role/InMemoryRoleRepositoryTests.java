package io.partnerid.core.role;

import io.partnerid.testkit.role.RoleRepositoryContract;

/** Runs the shared {@code RoleRepositoryContract} against {@link InMemoryRoleRepository}. */
class InMemoryRoleRepositoryTests extends RoleRepositoryContract {

    @Override
    protected RoleRepository repository() {
        return new InMemoryRoleRepository();
    }
}
