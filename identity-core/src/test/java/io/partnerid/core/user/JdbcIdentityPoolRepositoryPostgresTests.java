package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.IdentityPoolRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code IdentityPoolRepositoryContract} against {@link JdbcIdentityPoolRepository} on PostgreSQL. */
class JdbcIdentityPoolRepositoryPostgresTests extends IdentityPoolRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected IdentityPoolRepository repository() {
        return new JdbcIdentityPoolRepository(DB.dataSource());
    }
}
