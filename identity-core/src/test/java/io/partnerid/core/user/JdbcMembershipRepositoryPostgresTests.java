package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.MembershipRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code MembershipRepositoryContract} against {@link JdbcMembershipRepository} on PostgreSQL. */
class JdbcMembershipRepositoryPostgresTests extends MembershipRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected MembershipRepository repository() {
        return new JdbcMembershipRepository(DB.dataSource());
    }
}
