package io.partnerid.authz.risk;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The risk state contract and bounds on {@link JdbcRiskStateStore} over a real PostgreSQL (embedded binaries). */
class JdbcRiskStateStorePostgresTests extends JdbcRiskStateStoreTestBase {

    @RegisterExtension
    static final TestDatabase DB = AuthzTestDatabases.postgres();

    @Override
    protected TestDatabase db() {
        return DB;
    }
}
