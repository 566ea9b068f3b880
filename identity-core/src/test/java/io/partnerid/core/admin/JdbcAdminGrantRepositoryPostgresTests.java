package io.partnerid.core.admin;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.admin.AdminGrantRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code AdminGrantRepositoryContract} against {@link JdbcAdminGrantRepository} on PostgreSQL. */
class JdbcAdminGrantRepositoryPostgresTests extends AdminGrantRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected AdminGrantRepository repository() {
        return new JdbcAdminGrantRepository(DB.dataSource());
    }
}
