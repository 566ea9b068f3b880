package io.partnerid.core.admin;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.admin.InvitationRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code InvitationRepositoryContract} against {@link JdbcInvitationRepository} on PostgreSQL. */
class JdbcInvitationRepositoryPostgresTests extends InvitationRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected InvitationRepository repository() {
        return new JdbcInvitationRepository(DB.dataSource());
    }
}
