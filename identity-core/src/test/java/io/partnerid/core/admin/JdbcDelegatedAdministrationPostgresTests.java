package io.partnerid.core.admin;

import io.partnerid.core.CoreStores;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The whole delegated-administration suite on {@link CoreStores#jdbc} over Postgres: the façade behaves the same. */
class JdbcDelegatedAdministrationPostgresTests extends DelegatedAdministrationTests {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected CoreStores stores() {
        return CoreStores.jdbc(DB.dataSource());
    }
}
