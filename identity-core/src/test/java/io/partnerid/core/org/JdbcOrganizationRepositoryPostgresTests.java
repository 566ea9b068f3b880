package io.partnerid.core.org;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.org.OrganizationRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

class JdbcOrganizationRepositoryPostgresTests extends OrganizationRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected OrganizationRepository createRepository() {
        return new JdbcOrganizationRepository(DB.dataSource());
    }
}
