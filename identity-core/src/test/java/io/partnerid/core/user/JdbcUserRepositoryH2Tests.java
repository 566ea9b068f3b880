package io.partnerid.core.user;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.user.UserRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code UserRepositoryContract} against {@link JdbcUserRepository} on H2. */
class JdbcUserRepositoryH2Tests extends UserRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected UserRepository repository() {
        return new JdbcUserRepository(DB.dataSource());
    }
}
