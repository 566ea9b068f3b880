package io.partnerid.federation.exchange;

import io.partnerid.federation.FederationTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exchange policy repository contract on {@link JdbcExchangePolicyRepository} over H2 (PostgreSQL mode). */
class JdbcExchangePolicyRepositoryH2Tests extends JdbcExchangePolicyRepositoryTestBase {

    @RegisterExtension
    static final TestDatabase DB = FederationTestDatabases.h2();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
