package io.partnerid.core.client;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.client.ClientRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code ClientRepositoryContract} against {@link JdbcClientRepository} on H2. */
class JdbcClientRepositoryH2Tests extends ClientRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected ClientRepository repository() {
        return new JdbcClientRepository(DB.dataSource());
    }
}
