package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.MembershipRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code MembershipRepositoryContract} against {@link JdbcMembershipRepository} on H2. */
class JdbcMembershipRepositoryH2Tests extends MembershipRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected MembershipRepository repository() {
        return new JdbcMembershipRepository(DB.dataSource());
    }
}
