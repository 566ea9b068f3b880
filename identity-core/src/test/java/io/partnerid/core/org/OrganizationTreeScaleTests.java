package io.partnerid.core.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.CoreStores;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.AdminErrors;
import io.partnerid.core.admin.DelegatedAdministration;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The tree at size: one tenant of 10,000+ organizations whose deepest branch is 14 levels deep, administered through
 * the façade.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationTreeScaleTests {

    private static final Actor SYSTEM = Actor.system("bootstrap");
    private static final int REGIONS = 20;
    private static final int DESKS_PER_REGION = 25;
    private static final int TEAMS_PER_DESK = 19;
    private static final int DEEP_LEVELS = 14;

    private IdentityCore core;
    private DelegatedAdministration admin;
    private Organization tenant;
    private final List<Organization> regions = new ArrayList<>();
    private final List<Organization> deepChain = new ArrayList<>();
    private int total;

    /** The stores the tree lives in: in memory here, JDBC in the subclass that runs this suite on PostgreSQL. */
    protected CoreStores stores() {
        return CoreStores.inMemory();
    }

    @BeforeAll
    void buildTree() {
        core = CoreFixtures.on(stores(), MutableClock.standard()).core();
        admin = core.admin();
        OrganizationService orgs = core.unchecked().organizations();
        tenant = orgs.createRoot(new NewOrganization("Global Markets"));
        total = 1;
        for (int r = 0; r < REGIONS; r++) {
            Organization region = orgs.createChild(tenant.id(), new NewOrganization("Region " + r));
            regions.add(region);
            total++;
            for (int d = 0; d < DESKS_PER_REGION; d++) {
                Organization desk = orgs.createChild(region.id(), new NewOrganization("Desk " + r + "." + d));
                total++;
                for (int t = 0; t < TEAMS_PER_DESK; t++) {
                    orgs.createChild(desk.id(), new NewOrganization("Team " + r + "." + d + "." + t));
                    total++;
                }
            }
        }
        Organization parent = regions.get(0);
        deepChain.add(tenant);
        deepChain.add(parent);
        while (deepChain.size() < DEEP_LEVELS) {
            parent = orgs.createChild(parent.id(), new NewOrganization("Level " + (deepChain.size() + 1)));
            deepChain.add(parent);
            total++;
        }
    }

    @Test
    void treeWhenBuiltThenAtLeastTenThousandOrganizationsAndFourteenLevels() {
        assertThat(total).isGreaterThanOrEqualTo(10_000);
        // Other tests may add an organization below the deep chain; the regions 5.. are never changed.
        assertThat(core.unchecked().stores().organizations().countSubtree(tenant.path())).isBetween((long) total,
                total + 1L);
        assertThat(core.unchecked().stores().organizations().countSubtree(regions.get(5).path()))
                .isEqualTo(1 + DESKS_PER_REGION * (1 + TEAMS_PER_DESK));
        Organization deepest = deepChain.get(deepChain.size() - 1);
        assertThat(deepest.path().depth()).isEqualTo(DEEP_LEVELS);
        assertThat(core.unchecked().organizations().lineage(deepest.id())).extracting(Organization::id)
                .containsExactlyElementsOf(deepChain.stream().map(Organization::id).toList());
    }

    @Test
    void subtreeWhenPagedThenEveryDescendantExactlyOnceInPathOrder() {
        Organization region = regions.get(3);
        List<Organization> all = Page.all(p -> core.unchecked().organizations().subtree(region.id(), p), 97);
        assertThat(all).hasSize(1 + DESKS_PER_REGION * (1 + TEAMS_PER_DESK));
        assertThat(all).extracting(o -> o.path().value()).isSorted().doesNotHaveDuplicates();
        assertThat(all).allMatch(o -> region.path().isAncestorOrSelfOf(o.path()));
    }

    @Test
    void adminGrantWhenAtRegionThenCoversDeepestLevelButNoSiblingRegion() {
        Actor regionalAdmin = Actor.user("regional-admin-0");
        admin.adminGrants().grant(SYSTEM, new NewAdminGrant(regionalAdmin, regions.get(0).id(),
                EnumSet.of(AdminCapability.MANAGE_ORGANIZATIONS)));
        Organization deepest = deepChain.get(deepChain.size() - 1);
        Organization created = admin.organizations().create(regionalAdmin, deepest.id(),
                new NewOrganization("Level 15"));
        assertThat(created.path().depth()).isEqualTo(DEEP_LEVELS + 1);
        assertThatThrownBy(() -> admin.organizations().create(regionalAdmin, regions.get(1).id(),
                new NewOrganization("Intruder"))).isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(AdminErrors.NOT_PERMITTED);
    }

    @Test
    void moveWhenTargetInsideOwnSubtreeThenCycleRefusedAtAnyDepth() {
        Organization level3 = deepChain.get(2);
        Organization deepest = deepChain.get(deepChain.size() - 1);
        assertThatThrownBy(() -> core.unchecked().organizations().move(level3.id(), deepest.id()))
                .isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(OrgErrors.CYCLE);
    }

    @Test
    void suspendWhenRegionOfFiveHundredOrganizationsThenAllCutAtOnceAndAdministrationRefused() {
        Organization region = regions.get(REGIONS - 1);
        SuspensionReport report = admin.governance().suspend(SYSTEM, region.id(), "regional contract ended");
        assertThat(report.suspendedOrganizations()).hasSize(1 + DESKS_PER_REGION * (1 + TEAMS_PER_DESK));
        Organization team = Page.all(p -> core.unchecked().organizations().subtree(region.id(), p), 1000)
                .get(DESKS_PER_REGION * TEAMS_PER_DESK);
        assertThat(team.status()).isEqualTo(OrgStatus.SUSPENDED);
        assertThatThrownBy(() -> admin.organizations().create(SYSTEM, team.id(), new NewOrganization("x")))
                .isInstanceOf(IdentityException.class)
                .extracting(e -> ((IdentityException) e).code()).isEqualTo(OrgErrors.SUSPENDED);
        admin.governance().resume(SYSTEM, region.id(), "renewed");
        assertThat(core.unchecked().organizations().require(team.id()).isActive()).isTrue();
    }
}
