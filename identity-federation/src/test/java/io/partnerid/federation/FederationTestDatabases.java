package io.partnerid.federation;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;

/** Fresh test databases (embedded PostgreSQL schema or in-memory H2) with identity-federation's migrations applied. */
public final class FederationTestDatabases {

    /** The module name of identity-federation's migrations. */
    public static final String MODULE = "federation";

    private FederationTestDatabases() {
    }

    /** A fresh PostgreSQL schema with the federation migrations. */
    public static TestDatabase postgres() {
        return TestDatabases.postgres(MODULE);
    }

    /** A fresh in-memory H2 database (PostgreSQL mode) with the federation migrations. */
    public static TestDatabase h2() {
        return TestDatabases.h2(MODULE);
    }
}
