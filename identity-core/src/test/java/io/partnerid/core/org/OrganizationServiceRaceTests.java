package io.partnerid.core.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OrganizationServiceRaceTests {

    @Test
    void createChildWhenParentSuspendedBetweenCheckAndInsertThenChildIsSuspendedToo() {
        InMemoryOrganizationRepository memory = new InMemoryOrganizationRepository();
        AtomicBoolean suspendOnInsert = new AtomicBoolean();
        // A repository that lets the kill switch strike right before the child's insert lands.
        OrganizationRepository racing = new OrganizationRepository() {
            @Override
            public void insert(Organization organization) {
                if (suspendOnInsert.getAndSet(false)) {
                    Organization parent = memory.findById(organization.parentId().orElseThrow()).orElseThrow();
                    memory.suspendSubtree(parent.path(), parent.id());
                }
                memory.insert(organization);
            }

            @Override
            public Organization update(Organization organization) {
                return memory.update(organization);
            }

            @Override
            public Optional<Organization> findById(OrgId id) {
                return memory.findById(id);
            }

            @Override
            public Page<Organization> findRoots(PageRequest page) {
                return memory.findRoots(page);
            }

            @Override
            public Page<Organization> findChildren(OrgId parent, PageRequest page) {
                return memory.findChildren(parent, page);
            }

            @Override
            public Page<Organization> findSubtree(OrgPath path, PageRequest page) {
                return memory.findSubtree(path, page);
            }

            @Override
            public long countSubtree(OrgPath path) {
                return memory.countSubtree(path);
            }

            @Override
            public int moveSubtree(OrgPath from, OrgPath to, OrgId newParent, long expectedVersion) {
                return memory.moveSubtree(from, to, newParent, expectedVersion);
            }

            @Override
            public List<OrgId> suspendSubtree(OrgPath path, OrgId suspensionRoot) {
                return memory.suspendSubtree(path, suspensionRoot);
            }

            @Override
            public List<OrgId> resumeSubtree(OrgPath path, OrgId suspensionRoot) {
                return memory.resumeSubtree(path, suspensionRoot);
            }

            @Override
            public long statusVersion() {
                return memory.statusVersion();
            }
        };
        OrganizationService service = new OrganizationService(racing, TestRuntimes.on(MutableClock.standard()));
        Organization partner = service.createRoot(new NewOrganization("Partner"));
        suspendOnInsert.set(true);

        Organization child = service.createChild(partner.id(), new NewOrganization("Late desk"));

        assertThat(child.status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThat(child.suspensionRoot()).contains(partner.id());
        assertThat(memory.resumeSubtree(partner.path(), partner.id())).contains(partner.id(), child.id());
    }
}
