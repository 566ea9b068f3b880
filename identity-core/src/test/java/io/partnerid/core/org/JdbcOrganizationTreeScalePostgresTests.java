package io.partnerid.core.org;

import io.partnerid.core.CoreStores;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import org.junit.jupiter.api.AfterAll;

/**
 * The 10,000-organization, 14-level tree suite on {@link CoreStores#jdbc} over PostgreSQL. The tree is built once
 * for the class, so the database is not emptied between tests.
 */
class JdbcOrganizationTreeScalePostgresTests extends OrganizationTreeScaleTests {

    private final TestDatabase db = TestDatabases.postgres();

    @Override
    protected CoreStores stores() {
        return CoreStores.jdbc(db.dataSource());
    }

    @AfterAll
    void dropDatabase() {
        db.close();
    }
}
