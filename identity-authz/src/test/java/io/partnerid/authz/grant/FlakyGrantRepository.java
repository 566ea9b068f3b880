package io.partnerid.authz.grant;

import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.org.OrgId;
import java.util.List;
import java.util.Optional;

/** An in-memory grant repository whose reads or writes can be made to fail like an unavailable database. */
final class FlakyGrantRepository implements GrantRepository {

    final InMemoryGrantRepository store = new InMemoryGrantRepository();
    volatile boolean failReads;
    volatile boolean failWrites;

    private static IdentityException down() {
        return new IdentityException(StoreErrors.FAILURE, "The store is unavailable.", "test: store down");
    }

    private void read() {
        if (failReads) {
            throw down();
        }
    }

    private void write() {
        if (failWrites) {
            throw down();
        }
    }

    @Override
    public void saveGrant(GrantDef grant) {
        write();
        store.saveGrant(grant);
    }

    @Override
    public Optional<GrantDef> findGrant(String grantId) {
        read();
        return store.findGrant(grantId);
    }

    @Override
    public Page<GrantDef> listGrants(PageRequest page) {
        read();
        return store.listGrants(page);
    }

    @Override
    public void saveAssignment(GrantAssignment assignment) {
        write();
        store.saveAssignment(assignment);
    }

    @Override
    public List<GrantAssignment> assignmentsOf(OrgId subjectOrg, String subjectId) {
        read();
        return store.assignmentsOf(subjectOrg, subjectId);
    }

    @Override
    public List<GrantAssignment> deleteGrant(String grantId) {
        write();
        return store.deleteGrant(grantId);
    }

    @Override
    public long version() {
        read();
        return store.version();
    }
}
