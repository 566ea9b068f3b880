package io.partnerid.core.role;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.role.RoleAssignmentRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code RoleAssignmentRepositoryContract} against {@link JdbcRoleAssignmentRepository} on H2. */
class JdbcRoleAssignmentRepositoryH2Tests extends RoleAssignmentRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected RoleAssignmentRepository repository() {
        return new JdbcRoleAssignmentRepository(DB.dataSource());
    }
}
