package io.partnerid.authz.grant;

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
