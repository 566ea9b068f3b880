package io.partnerid.core.domain;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.domain.DomainClaimRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code DomainClaimRepositoryContract} against {@link JdbcDomainClaimRepository} on PostgreSQL. */
class JdbcDomainClaimRepositoryPostgresTests extends DomainClaimRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.postgres();

    @Override
    protected DomainClaimRepository repository() {
        return new JdbcDomainClaimRepository(DB.dataSource());
    }
}
