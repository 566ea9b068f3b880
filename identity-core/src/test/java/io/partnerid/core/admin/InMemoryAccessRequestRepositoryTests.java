package io.partnerid.core.admin;

import io.partnerid.testkit.admin.AccessRequestRepositoryContract;

/** Runs the shared {@code AccessRequestRepositoryContract} against {@link InMemoryAccessRequestRepository}. */
class InMemoryAccessRequestRepositoryTests extends AccessRequestRepositoryContract {

    private final AccessRequestRepository repository = new InMemoryAccessRequestRepository();

    @Override
    protected AccessRequestRepository repository() {
        return repository;
    }
}
