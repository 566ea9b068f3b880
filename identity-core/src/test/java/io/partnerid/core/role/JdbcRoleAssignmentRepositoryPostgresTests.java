package io.partnerid.core.role;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.role.RoleAssignmentRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs the shared {@code RoleAssignmentRepositoryContract} against {@link JdbcRoleAssignmentRepository} on PostgreSQL.
 */
class JdbcRoleAssignmentRepositoryPostgresTests extends RoleAssignmentRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected RoleAssignmentRepository repository() {
        return new JdbcRoleAssignmentRepository(DB.dataSource());
    }
}
