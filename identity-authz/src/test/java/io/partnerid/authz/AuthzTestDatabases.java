package io.partnerid.authz;

import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;

/** Fresh test databases (embedded PostgreSQL schema or in-memory H2) with identity-authz's migrations applied. */
public final class AuthzTestDatabases {

    /** The module name of identity-authz's migrations. */
    public static final String MODULE = "authz";

    private AuthzTestDatabases() {
    }

    /** A fresh PostgreSQL schema with the authz migrations. */
    public static TestDatabase postgres() {
        return TestDatabases.postgres(MODULE);
    }

    /** A fresh in-memory H2 database (PostgreSQL mode) with the authz migrations. */
    public static TestDatabase h2() {
        return TestDatabases.h2(MODULE);
    }
}
