package io.partnerid.core.group;

import io.partnerid.testkit.group.GroupRepositoryContract;

/** Runs the shared {@code GroupRepositoryContract} against {@link InMemoryGroupRepository}. */
class InMemoryGroupRepositoryTests extends GroupRepositoryContract {

    @Override
    protected GroupRepository repository() {
        return new InMemoryGroupRepository();
    }
}
