package io.partnerid.core.token;

import io.partnerid.testkit.token.SigningKeyRepositoryContract;

class InMemorySigningKeyRepositoryTests extends SigningKeyRepositoryContract {
    @Override
    protected SigningKeyRepository repository() {
        return new InMemorySigningKeyRepository();
    }
}
