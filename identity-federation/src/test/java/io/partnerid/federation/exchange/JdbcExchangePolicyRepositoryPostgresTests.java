package io.partnerid.federation.exchange;

import io.partnerid.federation.FederationTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The exchange policy repository contract on {@link JdbcExchangePolicyRepository} over a real PostgreSQL. */
class JdbcExchangePolicyRepositoryPostgresTests extends JdbcExchangePolicyRepositoryTestBase {

    @RegisterExtension
    static final TestDatabase DB = FederationTestDatabases.postgres();

    @Override
    protected TestDatabase database() {
        return DB;
    }
}
