package io.partnerid.core.token;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.token.SigningKeyRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code SigningKeyRepositoryContract} against {@link JdbcSigningKeyRepository} on H2. */
class JdbcSigningKeyRepositoryH2Tests extends SigningKeyRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected SigningKeyRepository repository() {
        return new JdbcSigningKeyRepository(DB.dataSource());
    }
}
