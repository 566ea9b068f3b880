package io.partnerid.core.admin;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.admin.AccessRequestRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the shared {@code AccessRequestRepositoryContract} against {@link JdbcAccessRequestRepository} on PostgreSQL.
 */
class JdbcAccessRequestRepositoryPostgresTests extends AccessRequestRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected AccessRequestRepository repository() {
        return new JdbcAccessRequestRepository(DB.dataSource());
    }
}
