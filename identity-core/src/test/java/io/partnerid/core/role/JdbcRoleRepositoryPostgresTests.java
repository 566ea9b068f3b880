package io.partnerid.core.role;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.role.RoleRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code RoleRepositoryContract} against {@link JdbcRoleRepository} on PostgreSQL. */
class JdbcRoleRepositoryPostgresTests extends RoleRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected RoleRepository repository() {
        return new JdbcRoleRepository(DB.dataSource());
    }
}
