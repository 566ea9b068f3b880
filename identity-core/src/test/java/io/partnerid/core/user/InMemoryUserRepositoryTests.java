package io.partnerid.core.user;

import io.partnerid.testkit.user.UserRepositoryContract;

/** Runs the shared {@code UserRepositoryContract} against {@link InMemoryUserRepository}. */
class InMemoryUserRepositoryTests extends UserRepositoryContract {

    @Override
    protected UserRepository repository() {
        return new InMemoryUserRepository();
    }
}
