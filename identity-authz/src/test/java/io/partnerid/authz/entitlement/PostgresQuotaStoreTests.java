package io.partnerid.authz.entitlement;

/** The quota store contract on a real PostgreSQL (embedded binaries). */
class PostgresQuotaStoreTests extends QuotaStoreContract {

    private final PostgresQuotaStore store = new PostgresQuotaStore(EmbeddedPostgresSupport.dataSource(), clock);

    @Override
    protected QuotaStore store() {
        return store;
    }
}
