package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.UserRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code UserRepositoryContract} against {@link JdbcUserRepository} on PostgreSQL. */
class JdbcUserRepositoryPostgresTests extends UserRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected UserRepository repository() {
        return new JdbcUserRepository(DB.dataSource());
    }
}
