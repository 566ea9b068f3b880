package io.partnerid.core.token;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.token.RevokedTokenStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code RevokedTokenStoreContract} against {@link JdbcRevokedTokenStore} on PostgreSQL. */
class JdbcRevokedTokenStorePostgresTests extends RevokedTokenStoreContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected RevokedTokenStore store() {
        return new JdbcRevokedTokenStore(DB.dataSource());
    }
}
