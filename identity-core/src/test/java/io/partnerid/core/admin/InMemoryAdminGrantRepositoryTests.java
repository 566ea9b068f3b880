package io.partnerid.core.admin;

import io.partnerid.testkit.admin.AdminGrantRepositoryContract;

/** Runs the shared {@code AdminGrantRepositoryContract} against {@link InMemoryAdminGrantRepository}. */
class InMemoryAdminGrantRepositoryTests extends AdminGrantRepositoryContract {

    private final AdminGrantRepository repository = new InMemoryAdminGrantRepository();

    @Override
    protected AdminGrantRepository repository() {
        return repository;
    }
}
