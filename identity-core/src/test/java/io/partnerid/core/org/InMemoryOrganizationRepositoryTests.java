package io.partnerid.core.org;

import io.partnerid.testkit.org.OrganizationRepositoryContract;

class InMemoryOrganizationRepositoryTests extends OrganizationRepositoryContract {

    @Override
    protected OrganizationRepository createRepository() {
        return new InMemoryOrganizationRepository();
    }
}
