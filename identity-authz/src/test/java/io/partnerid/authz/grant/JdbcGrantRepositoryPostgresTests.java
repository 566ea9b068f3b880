package io.partnerid.authz.grant;

import io.partnerid.authz.AuthzTestDatabases;
import io.partnerid.testkit.grant.GrantRepositoryContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The grant repository contract on {@link JdbcGrantRepository} over a real PostgreSQL (embedded binaries). */
class JdbcGrantRepositoryPostgresTests extends GrantRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = AuthzTestDatabases.postgres();

    private final JdbcGrantRepository repository = new JdbcGrantRepository(DB.dataSource());
    private final JdbcGrantRepository anotherNode = new JdbcGrantRepository(DB.dataSource());

    @Override
    protected GrantRepository repository() {
        return repository;
    }

    @Override
    protected GrantRepository anotherNode() {
        return anotherNode;
    }
}
