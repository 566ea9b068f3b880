package io.partnerid.docs;

import io.partnerid.authz.grant.GrantRepository;
import io.partnerid.authz.grant.JdbcGrantRepository;
import io.partnerid.testkit.grant.GrantRepositoryContract;
import io.partnerid.testkit.jdbc.TestDatabase;
import io.partnerid.testkit.jdbc.TestDatabases;
import org.junit.jupiter.api.extension.RegisterExtension;

/*
 * The code of docs/persistence.md ("Testing your own wiring"): how a host runs a published contract suite against its
 * store. The SDK's JdbcGrantRepository on H2 stands in for the host's own; unlike identity-authz's tests, this class
 * uses the identity-testkit-authz jar, as a host does.
 */
// tag::host-contract[]
class HostGrantRepositoryTests extends GrantRepositoryContract {

    @RegisterExtension
    static final TestDatabase DB = TestDatabases.h2("authz");

    private final GrantRepository repository = new JdbcGrantRepository(DB.dataSource());
    private final GrantRepository anotherNode = new JdbcGrantRepository(DB.dataSource());

    @Override
    protected GrantRepository repository() {
        return repository;
    }

    @Override
    protected GrantRepository anotherNode() {
        return anotherNode;
    }
}
// end::host-contract[]
