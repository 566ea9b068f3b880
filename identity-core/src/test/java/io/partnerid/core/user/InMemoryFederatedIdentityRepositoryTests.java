package io.partnerid.core.user;

import io.partnerid.testkit.user.FederatedIdentityRepositoryContract;

/** Runs the shared {@code FederatedIdentityRepositoryContract} against {@link InMemoryFederatedIdentityRepository}. */
class InMemoryFederatedIdentityRepositoryTests extends FederatedIdentityRepositoryContract {

    @Override
    protected FederatedIdentityRepository repository() {
        return new InMemoryFederatedIdentityRepository();
    }
}
