package io.partnerid.federation.exchange;

import io.partnerid.testkit.exchange.ExchangePolicyRepositoryContract;

/** The exchange policy repository contract on {@link InMemoryExchangePolicyRepository}. */
class InMemoryExchangePolicyRepositoryTests extends ExchangePolicyRepositoryContract {

    private final InMemoryExchangePolicyRepository repository = new InMemoryExchangePolicyRepository();

    @Override
    protected ExchangePolicyRepository repository() {
        return repository;
    }

    @Override
    protected ExchangePolicyRepository anotherNode() {
        return repository;
    }
}
