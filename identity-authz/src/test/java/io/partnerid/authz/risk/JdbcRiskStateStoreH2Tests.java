package io.partnerid.authz.risk;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The risk state contract and bounds on {@link JdbcRiskStateStore} over H2 (PostgreSQL mode). */
class JdbcRiskStateStoreH2Tests extends JdbcRiskStateStoreTestBase {

    @RegisterExtension
    static final TestDatabase DB = AuthzTestDatabases.h2();

    @Override
    protected TestDatabase db() {
        return DB;
    }
}
