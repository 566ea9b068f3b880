package io.partnerid.authz.entitlement;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.testkit.entitlement.QuotaStoreContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quota store contract on a real PostgreSQL (embedded binaries). PostgreSQL only: {@link PostgresQuotaStore} is
 * Bucket4j's PostgreSQL proxy manager; H2 is one process, where {@link InMemoryQuotaStore} serves.
 */
class PostgresQuotaStoreTests extends QuotaStoreContract {

    @RegisterExtension
    static final TestDatabase DB = AuthzTestDatabases.postgres();

    private final PostgresQuotaStore store = new PostgresQuotaStore(DB.dataSource(), clock);
    private final PostgresQuotaStore anotherNode = new PostgresQuotaStore(DB.dataSource(), clock);

    @Override
    protected QuotaStore store() {
        return store;
    }

    @Override
    protected QuotaStore anotherNode() {
        return anotherNode;
    }
}
