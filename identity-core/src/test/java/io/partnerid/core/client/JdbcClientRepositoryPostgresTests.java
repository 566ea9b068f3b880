package io.partnerid.core.client;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.client.ClientRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code ClientRepositoryContract} against {@link JdbcClientRepository} on PostgreSQL. */
class JdbcClientRepositoryPostgresTests extends ClientRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected ClientRepository repository() {
        return new JdbcClientRepository(DB.dataSource());
    }
}
