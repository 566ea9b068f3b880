package io.partnerid.authz.grant;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes, each with its own {@link JdbcGrantRepository}, over one real PostgreSQL (embedded binaries). */
class CrossOrgGrantServiceTwoNodePostgresTests extends CrossOrgGrantServiceTwoNodeContract {

    @RegisterExtension
    static final TestDatabase DB = AuthzTestDatabases.postgres();

    @Override
    protected GrantRepository nodeRepository() {
        return new JdbcGrantRepository(DB.dataSource());
    }
}
