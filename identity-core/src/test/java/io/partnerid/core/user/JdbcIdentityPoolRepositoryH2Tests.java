package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.IdentityPoolRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code IdentityPoolRepositoryContract} against {@link JdbcIdentityPoolRepository} on H2. */
class JdbcIdentityPoolRepositoryH2Tests extends IdentityPoolRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected IdentityPoolRepository repository() {
        return new JdbcIdentityPoolRepository(DB.dataSource());
    }
}
