package io.partnerid.core.group;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.group.GroupRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code GroupRepositoryContract} against {@link JdbcGroupRepository} on PostgreSQL. */
class JdbcGroupRepositoryPostgresTests extends GroupRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected GroupRepository repository() {
        return new JdbcGroupRepository(DB.dataSource());
    }
}
