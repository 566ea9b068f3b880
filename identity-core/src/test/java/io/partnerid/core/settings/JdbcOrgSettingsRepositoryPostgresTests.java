package io.partnerid.core.settings;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.settings.OrgSettingsRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code OrgSettingsRepositoryContract} against {@link JdbcOrgSettingsRepository} on PostgreSQL. */
class JdbcOrgSettingsRepositoryPostgresTests extends OrgSettingsRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected OrgSettingsRepository repository() {
        return new JdbcOrgSettingsRepository(DB.dataSource());
    }
}
