package io.partnerid.core.domain;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.domain.DomainClaimRepositoryContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Runs the shared {@code DomainClaimRepositoryContract} against {@link JdbcDomainClaimRepository} on H2. */
class JdbcDomainClaimRepositoryH2Tests extends DomainClaimRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected DomainClaimRepository repository() {
        return new JdbcDomainClaimRepository(DB.dataSource());
    }
}
