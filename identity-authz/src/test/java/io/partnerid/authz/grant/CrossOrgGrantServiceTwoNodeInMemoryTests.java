package io.partnerid.authz.grant;

/** Two nodes sharing one {@link InMemoryGrantRepository}. */
class CrossOrgGrantServiceTwoNodeInMemoryTests extends CrossOrgGrantServiceTwoNodeContract {

    private final InMemoryGrantRepository shared = new InMemoryGrantRepository();

    @Override
    protected GrantRepository nodeRepository() {
        return shared;
    }
}
