package io.partnerid.core.token;

import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import io.partnerid.testkit.token.TokenStatusResolverContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Runs {@code TokenStatusResolverContract} against {@link SharedStoreTokenStatusResolver} over the JDBC stores on
 * H2.
 */
class SharedStoreTokenStatusResolverH2Tests extends TokenStatusResolverContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2();

    @Override
    protected Harness harness(MutableClock clock) {
        SharedStoreHarnesses.Parts parts = SharedStoreHarnesses.jdbc(DB.dataSource(), clock);
        return storeBacked(parts.issuer(), parts.resolver(), parts.outage()::begin, () -> { });
    }
}
