package io.partnerid.core.client;

import io.partnerid.testkit.client.ClientRepositoryContract;

/** Runs the shared {@code ClientRepositoryContract} against {@link InMemoryClientRepository}. */
class InMemoryClientRepositoryTests extends ClientRepositoryContract {

    @Override
    protected ClientRepository repository() {
        return new InMemoryClientRepository();
    }
}
