package io.partnerid.core.admin;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.admin.InvitationRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code InvitationRepositoryContract} against {@link JdbcInvitationRepository} on H2. */
class JdbcInvitationRepositoryH2Tests extends InvitationRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected InvitationRepository repository() {
        return new JdbcInvitationRepository(DB.dataSource());
    }
}
