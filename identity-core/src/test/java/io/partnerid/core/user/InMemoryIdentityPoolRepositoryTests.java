package io.partnerid.core.user;

import io.partnerid.testkit.user.IdentityPoolRepositoryContract;

/** Runs the shared {@code IdentityPoolRepositoryContract} against {@link InMemoryIdentityPoolRepository}. */
class InMemoryIdentityPoolRepositoryTests extends IdentityPoolRepositoryContract {

    @Override
    protected IdentityPoolRepository repository() {
        return new InMemoryIdentityPoolRepository();
    }
}
