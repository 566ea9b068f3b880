package io.partnerid.core.settings;

import io.partnerid.testkit.settings.OrgSettingsRepositoryContract;

class InMemoryOrgSettingsRepositoryTests extends OrgSettingsRepositoryContract {

    private final InMemoryOrgSettingsRepository repository = new InMemoryOrgSettingsRepository();

    @Override
    protected OrgSettingsRepository repository() {
        return repository;
    }
}
