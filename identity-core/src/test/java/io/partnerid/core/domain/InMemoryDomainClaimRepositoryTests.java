package io.partnerid.core.domain;

import io.partnerid.testkit.domain.DomainClaimRepositoryContract;

class InMemoryDomainClaimRepositoryTests extends DomainClaimRepositoryContract {

    private final InMemoryDomainClaimRepository repository = new InMemoryDomainClaimRepository();

    @Override
    protected DomainClaimRepository repository() {
        return repository;
    }
}
