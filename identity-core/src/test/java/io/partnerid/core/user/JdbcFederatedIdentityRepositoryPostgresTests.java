package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.FederatedIdentityRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the shared {@code FederatedIdentityRepositoryContract} against {@link JdbcFederatedIdentityRepository} on
 * PostgreSQL.
 */
class JdbcFederatedIdentityRepositoryPostgresTests extends FederatedIdentityRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected FederatedIdentityRepository repository() {
        return new JdbcFederatedIdentityRepository(DB.dataSource());
    }
}
