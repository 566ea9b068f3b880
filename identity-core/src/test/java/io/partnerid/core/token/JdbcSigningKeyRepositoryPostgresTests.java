package io.partnerid.core.token;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.token.SigningKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code SigningKeyRepositoryContract} against {@link JdbcSigningKeyRepository} on PostgreSQL. */
class JdbcSigningKeyRepositoryPostgresTests extends SigningKeyRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected SigningKeyRepository repository() {
        return new JdbcSigningKeyRepository(DB.dataSource());
    }
}
