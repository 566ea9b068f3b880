package io.partnerid.core.group;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.group.GroupRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code GroupRepositoryContract} against {@link JdbcGroupRepository} on H2. */
class JdbcGroupRepositoryH2Tests extends GroupRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected GroupRepository repository() {
        return new JdbcGroupRepository(DB.dataSource());
    }
}
