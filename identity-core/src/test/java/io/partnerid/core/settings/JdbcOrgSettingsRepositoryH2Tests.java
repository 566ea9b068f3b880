package io.partnerid.core.settings;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.settings.OrgSettingsRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code OrgSettingsRepositoryContract} against {@link JdbcOrgSettingsRepository} on H2. */
class JdbcOrgSettingsRepositoryH2Tests extends OrgSettingsRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected OrgSettingsRepository repository() {
        return new JdbcOrgSettingsRepository(DB.dataSource());
    }
}
