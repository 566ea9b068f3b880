package io.partnerid.authz.grant;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two nodes, each with its own {@link JdbcGrantRepository}, over one H2 database (PostgreSQL mode). */
class CrossOrgGrantServiceTwoNodeH2Tests extends CrossOrgGrantServiceTwoNodeContract {

    @RegisterExtension
    static final TestDatabase DB = AuthzTestDatabases.h2();

    @Override
    protected GrantRepository nodeRepository() {
        return new JdbcGrantRepository(DB.dataSource());
    }
}
