package io.partnerid.authz.grant;

import io.partnerid.testkit.grant.GrantRepositoryContract;

/** The grant repository contract on {@link InMemoryGrantRepository}. */
class InMemoryGrantRepositoryTests extends GrantRepositoryContract {

    private final InMemoryGrantRepository repository = new InMemoryGrantRepository();

    @Override
    protected GrantRepository repository() {
        return repository;
    }

    @Override
    protected GrantRepository anotherNode() {
        return repository;
    }
}
