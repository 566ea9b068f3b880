package io.partnerid.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.ErrorCode;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.testkit.user.InMemoryDirectory;
import io.partnerid.testkit.user.UserFixtures;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class UserServiceTests {

    private static final String ISSUER = "https://login.partner.example";

    private InMemoryDirectory dir;
    private UserService users;
    private Organization acme;
    private Organization equities;
    private Organization globex;
    private IdentityPool staff;

    @BeforeEach
    void setUp() {
        dir = new InMemoryDirectory();
        users = dir.users;
        acme = dir.root("Acme Capital");
        equities = dir.child(acme.id(), "Equities");
        globex = dir.root("Globex");
        staff = dir.pool(acme.id());
    }

    private static void assertCode(ThrowingCallable call, ErrorCode code) {
        assertThatThrownBy(call).isInstanceOfSatisfying(IdentityException.class,
                e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void createPoolWhenOrganizationSuspendedThenOrgSuspended() {
        dir.suspend(acme.id());
        assertCode(() -> users.createPool(acme.id(), "more"), OrgErrors.SUSPENDED);
        assertCode(() -> users.createPool(equities.id(), "more"), OrgErrors.SUSPENDED);
    }

    @Test
    void createPoolWhenOrganizationUnknownThenOrgNotFound() {
        assertCode(() -> users.createPool(OrgId.of("nope"), "p"), OrgErrors.NOT_FOUND);
    }

    @Test
    void poolsWhenListedThenOnlyThatOrganization() {
        IdentityPool second = users.createPool(acme.id(), "contractors");
        dir.pool(globex.id());
        assertThat(Page.all(p -> users.pools(acme.id(), p), 1)).containsExactly(staff, second);
    }

    @Test
    void createUserThenHomeOrganizationIsThePoolsOrganization() {
        User alice = dir.user(staff.id(), "Alice");
        assertThat(alice.orgId()).isEqualTo(acme.id());
        assertThat(alice.username()).isEqualTo("alice");
        assertThat(users.homeOrg(alice.id())).isEqualTo(acme.id());
        assertThat(users.requireUser(alice.id())).isEqualTo(alice);
        assertThat(users.findByUsername(staff.id(), "ALICE")).contains(alice);
    }

    @Test
    void createUserWhenUsernameDiffersOnlyInCaseOrWidthThenUsernameTaken() {
        dir.user(staff.id(), "alice");
        assertCode(() -> dir.user(staff.id(), "Alice"), UserErrors.USERNAME_TAKEN);
        assertCode(() -> dir.user(staff.id(), "ａｌｉｃｅ"), UserErrors.USERNAME_TAKEN);
        IdentityPool other = users.createPool(acme.id(), "other");
        assertThat(dir.user(other.id(), "alice").poolId()).isEqualTo(other.id());
    }

    @Test
    void createUserWhenTwoUsersShareAnEmailThenBothExistBecauseEmailIsNoKey() {
        User a = users.createUser(UserFixtures.newUser(staff.id()).username("a").email("x@acme.example").build());
        User b = users.createUser(UserFixtures.newUser(staff.id()).username("b").email("x@acme.example").build());
        assertThat(a.id()).isNotEqualTo(b.id());
    }

    @Test
    void createUserWhenInitialStatusNotInvitedOrActiveThenInvalidRequest() {
        assertCode(() -> users.createUser(UserFixtures.newUser(staff.id()).status(UserStatus.LOCKED).build()),
                UserErrors.INVALID_REQUEST);
        assertCode(() -> users.createUser(UserFixtures.newUser(staff.id()).status(UserStatus.DISABLED).build()),
                UserErrors.INVALID_REQUEST);
    }

    @Test
    void createUserWhenMalformedInputThenInvalidRequest() {
        assertCode(() -> users.createUser(UserFixtures.newUser(staff.id()).username("a b").build()),
                UserErrors.INVALID_REQUEST);
        assertCode(() -> users.createUser(UserFixtures.newUser(staff.id()).email("not-an-email").build()),
                UserErrors.INVALID_REQUEST);
    }

    @Test
    void createUserWhenPoolUnknownOrOrganizationSuspendedThenRefused() {
        assertCode(() -> users.createUser(UserFixtures.newUser(PoolId.of("nope")).build()),
                UserErrors.POOL_NOT_FOUND);
        dir.suspend(acme.id());
        assertCode(() -> dir.user(staff.id(), "bob"), OrgErrors.SUSPENDED);
    }

    @Test
    void usersInPoolWhenPagedThenEveryUserOnce() {
        for (int i = 0; i < 7; i++) {
            dir.user(staff.id(), "u" + i);
        }
        dir.user(users.createPool(acme.id(), "other").id(), "elsewhere");
        List<User> all = Page.all(p -> users.usersInPool(staff.id(), p), 3);
        assertThat(all).hasSize(7).extracting(User::username).doesNotContain("elsewhere");
    }

    @Test
    void changeStatusWhenLifecycleAllowsThenStored() {
        User invited = users.createUser(UserFixtures.newUser(staff.id()).status(UserStatus.INVITED).build());
        User active = users.changeStatus(invited.id(), UserStatus.ACTIVE);
        User locked = users.changeStatus(active.id(), UserStatus.LOCKED);
        User unlocked = users.changeStatus(locked.id(), UserStatus.ACTIVE);
        User disabled = users.changeStatus(unlocked.id(), UserStatus.DISABLED);
        User reactivated = users.changeStatus(disabled.id(), UserStatus.ACTIVE);
        assertThat(reactivated.status()).isEqualTo(UserStatus.ACTIVE);
        assertThat(reactivated.version()).isEqualTo(5);
        assertThat(users.requireUser(invited.id())).isEqualTo(reactivated);
    }

    @Test
    void changeStatusWhenTransitionNotAllowedThenInvalidTransitionAndUnchanged() {
        User invited = users.createUser(UserFixtures.newUser(staff.id()).status(UserStatus.INVITED).build());
        assertCode(() -> users.changeStatus(invited.id(), UserStatus.LOCKED), UserErrors.INVALID_TRANSITION);
        User active = users.changeStatus(invited.id(), UserStatus.ACTIVE);
        assertCode(() -> users.changeStatus(active.id(), UserStatus.INVITED), UserErrors.INVALID_TRANSITION);
        User disabled = users.changeStatus(active.id(), UserStatus.DISABLED);
        assertCode(() -> users.changeStatus(disabled.id(), UserStatus.LOCKED), UserErrors.INVALID_TRANSITION);
        assertCode(() -> users.changeStatus(disabled.id(), UserStatus.INVITED), UserErrors.INVALID_TRANSITION);
        assertThat(users.requireUser(active.id()).status()).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void changeStatusWhenSameStatusThenNoWrite() {
        User alice = dir.user(staff.id(), "alice");
        assertThat(users.changeStatus(alice.id(), UserStatus.ACTIVE)).isEqualTo(alice);
        assertThat(users.requireUser(alice.id()).version()).isZero();
    }

    @Test
    void changeStatusWhenOrganizationSuspendedThenOnlyRestrictingChangesAllowed() {
        User alice = dir.user(staff.id(), "alice");
        dir.suspend(acme.id());
        User locked = users.changeStatus(alice.id(), UserStatus.LOCKED);
        assertCode(() -> users.changeStatus(locked.id(), UserStatus.ACTIVE), OrgErrors.SUSPENDED);
        assertThat(users.changeStatus(locked.id(), UserStatus.DISABLED).status()).isEqualTo(UserStatus.DISABLED);
    }

    @Test
    void updateProfileWhenValidThenStoredAndWhenMalformedThenInvalidRequest() {
        User alice = dir.user(staff.id(), "alice");
        User updated = users.updateProfile(alice.id(), "Alice Smith", java.util.Optional.empty());
        assertThat(updated.displayName()).isEqualTo("Alice Smith");
        assertThat(updated.email()).isEmpty();
        assertThat(updated.version()).isEqualTo(1);
        assertCode(() -> users.updateProfile(alice.id(), " ", java.util.Optional.empty()), UserErrors.INVALID_REQUEST);
        assertCode(() -> users.updateProfile(alice.id(), "A", java.util.Optional.of("nope")),
                UserErrors.INVALID_REQUEST);
    }

    @Test
    void changeStatusWhenUserUnknownThenUserNotFound() {
        assertCode(() -> users.changeStatus(UserId.of("nope"), UserStatus.DISABLED), UserErrors.NOT_FOUND);
        assertThat(users.findUser(UserId.of("nope"))).isEmpty();
    }

    @Test
    @DisplayName("Catalogue M1: a federated identity is found by (issuer, subject) exactly, never by e-mail")
    void findByFederatedIdentityWhenLinkedThenExactPairOnly() {
        User alice = dir.user(staff.id(), "alice");
        dir.issuers.register(acme.id(), ISSUER);
        FederatedIdentity link = users.link(alice.id(), ISSUER, "248289761001");
        assertThat(link.orgId()).isEqualTo(acme.id());
        assertThat(link.tenant()).isEqualTo(acme.id());
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "248289761001")).contains(alice);
        assertThat(users.findByFederatedIdentity(equities.id(), ISSUER, "248289761001")).contains(alice);
        assertThat(users.findLink(acme.id(), ISSUER, "248289761001")).contains(link);
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER + "/", "248289761001")).isEmpty();
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "248289761001 ")).isEmpty();
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "alice@example.com")).isEmpty();
        assertThat(users.findByFederatedIdentity(OrgId.of("nope"), ISSUER, "248289761001")).isEmpty();
    }

    @Test
    @DisplayName("R2: a link is refused for an issuer not registered to the user's organization or an ancestor")
    void linkWhenIssuerNotRegisteredToUsersOrganizationOrAncestorThenIssuerNotRegistered() {
        User alice = dir.user(dir.pool(equities.id()).id(), "alice");
        assertCode(() -> users.link(alice.id(), ISSUER, "sub-1"), UserErrors.FEDERATED_ISSUER_NOT_REGISTERED);
        dir.issuers.register(globex.id(), ISSUER); // another tenant's registration does not count
        assertCode(() -> users.link(alice.id(), ISSUER, "sub-1"), UserErrors.FEDERATED_ISSUER_NOT_REGISTERED);
        Organization apac = dir.child(equities.id(), "APAC");
        dir.issuers.register(apac.id(), ISSUER); // nor does a descendant's
        assertCode(() -> users.link(alice.id(), ISSUER, "sub-1"), UserErrors.FEDERATED_ISSUER_NOT_REGISTERED);
        assertThat(users.findLink(acme.id(), ISSUER, "sub-1")).isEmpty();

        dir.issuers.register(acme.id(), ISSUER); // the tenant root registered it: its whole tree may link
        assertThat(users.link(alice.id(), ISSUER, "sub-1").tenant()).isEqualTo(acme.id());
        assertThat(users.findByFederatedIdentity(equities.id(), ISSUER, "sub-1")).contains(alice);
    }

    @Test
    void linkWhenIssuerRegisteredToTheUsersOwnOrganizationThenLinked() {
        User alice = dir.user(dir.pool(equities.id()).id(), "alice");
        dir.issuers.register(equities.id(), ISSUER);
        assertThat(users.link(alice.id(), ISSUER, "sub-1").userId()).isEqualTo(alice.id());
        User bob = dir.user(staff.id(), "bob"); // lives at the root, above the registering organization
        assertCode(() -> users.link(bob.id(), ISSUER, "sub-2"), UserErrors.FEDERATED_ISSUER_NOT_REGISTERED);
    }

    @Test
    void linkWhenPairAlreadyLinkedInTheTenantThenFederatedIdentityTakenForAnyUser() {
        User alice = dir.user(staff.id(), "alice");
        User mallory = dir.user(dir.pool(equities.id()).id(), "mallory");
        dir.issuers.register(acme.id(), ISSUER);
        users.link(alice.id(), ISSUER, "sub-1");
        assertCode(() -> users.link(mallory.id(), ISSUER, "sub-1"), UserErrors.FEDERATED_IDENTITY_TAKEN);
        assertCode(() -> users.link(alice.id(), ISSUER, "sub-1"), UserErrors.FEDERATED_IDENTITY_TAKEN);
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "sub-1")).contains(alice);
    }

    @Test
    @DisplayName("R2: two tenants link the same (issuer, subject) independently; neither sees the other's user")
    void linkWhenSamePairInAnotherTenantThenBothLinkedAndLookupsStayInTheirTenant() {
        User alice = dir.user(staff.id(), "alice");
        User mallory = dir.user(dir.pool(globex.id()).id(), "mallory");
        dir.issuers.register(acme.id(), ISSUER);
        dir.issuers.register(globex.id(), ISSUER);
        users.link(alice.id(), ISSUER, "sub-1");
        users.link(mallory.id(), ISSUER, "sub-1");
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "sub-1")).contains(alice);
        assertThat(users.findByFederatedIdentity(equities.id(), ISSUER, "sub-1")).contains(alice);
        assertThat(users.findByFederatedIdentity(globex.id(), ISSUER, "sub-1")).contains(mallory);
        assertThat(users.unlink(mallory.id(), ISSUER, "sub-1")).isTrue();
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "sub-1")).contains(alice);
        assertThat(users.findByFederatedIdentity(globex.id(), ISSUER, "sub-1")).isEmpty();
    }

    @Test
    void findByFederatedIdentityWhenUsersOrganizationMovedToAnotherTenantThenEmpty() {
        User alice = dir.user(dir.pool(equities.id()).id(), "alice");
        dir.issuers.register(acme.id(), ISSUER);
        users.link(alice.id(), ISSUER, "sub-1");
        dir.organizations.move(equities.id(), globex.id());
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "sub-1")).isEmpty();
        assertThat(users.findByFederatedIdentity(globex.id(), ISSUER, "sub-1")).isEmpty();
    }

    @Test
    void linkWhenIssuerMalformedOrOrganizationSuspendedThenRefused() {
        User alice = dir.user(staff.id(), "alice");
        dir.issuers.register(acme.id(), ISSUER);
        assertCode(() -> users.link(alice.id(), "", "sub"), UserErrors.INVALID_REQUEST);
        assertCode(() -> users.link(alice.id(), ISSUER, "s\nub"), UserErrors.INVALID_REQUEST);
        dir.suspend(acme.id());
        assertCode(() -> users.link(alice.id(), ISSUER, "sub"), OrgErrors.SUSPENDED);
    }

    @Test
    void unlinkWhenLinkBelongsToAnotherUserThenFalseAndLinkKept() {
        User alice = dir.user(staff.id(), "alice");
        User bob = dir.user(staff.id(), "bob");
        dir.issuers.register(acme.id(), ISSUER);
        users.link(alice.id(), ISSUER, "sub-1");
        assertThat(users.unlink(bob.id(), ISSUER, "sub-1")).isFalse();
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "sub-1")).contains(alice);
        assertThat(users.unlink(alice.id(), ISSUER, "sub-1")).isTrue();
        assertThat(users.findByFederatedIdentity(acme.id(), ISSUER, "sub-1")).isEmpty();
        assertThat(users.links(alice.id(), PageRequest.first(10)).items()).isEmpty();
        assertThat(users.link(bob.id(), ISSUER, "sub-1").userId()).isEqualTo(bob.id());
    }

    @Test
    void addMembershipWhenRepeatedThenIdempotent() {
        User alice = dir.user(staff.id(), "alice");
        Membership first = users.addMembership(alice.id(), globex.id());
        dir.clock.advance(java.time.Duration.ofHours(1));
        assertThat(users.addMembership(alice.id(), globex.id())).isEqualTo(first);
        assertThat(users.memberships(alice.id(), PageRequest.first(10)).items()).containsExactly(first);
        assertThat(users.members(globex.id(), PageRequest.first(10)).items()).containsExactly(first);
    }

    @Test
    void addMembershipWhenHomeOrganizationThenHomeOrgMembership() {
        User alice = dir.user(staff.id(), "alice");
        assertCode(() -> users.addMembership(alice.id(), acme.id()), UserErrors.HOME_ORG_MEMBERSHIP);
    }

    @Test
    void addMembershipWhenTargetSuspendedThenOrgSuspended() {
        User alice = dir.user(staff.id(), "alice");
        dir.suspend(globex.id());
        assertCode(() -> users.addMembership(alice.id(), globex.id()), OrgErrors.SUSPENDED);
    }

    @Test
    void isMemberOrHomeWhenHomeOrExplicitMembershipThenTrueExactlyThere() {
        User alice = dir.user(staff.id(), "alice");
        Organization globexSub = dir.child(globex.id(), "Globex Japan");
        assertThat(users.isMemberOrHome(alice.id(), acme.id())).isTrue();
        assertThat(users.isMemberOrHome(alice.id(), equities.id())).isFalse();
        assertThat(users.isMemberOrHome(alice.id(), globex.id())).isFalse();
        users.addMembership(alice.id(), globex.id());
        assertThat(users.isMemberOrHome(alice.id(), globex.id())).isTrue();
        assertThat(users.isMemberOrHome(alice.id(), globexSub.id())).isFalse();
        assertThat(users.removeMembership(alice.id(), globex.id())).isTrue();
        assertThat(users.removeMembership(alice.id(), globex.id())).isFalse();
        assertThat(users.isMemberOrHome(alice.id(), globex.id())).isFalse();
        assertThat(users.isMemberOrHome(UserId.of("nope"), acme.id())).isFalse();
    }

    @Test
    void isAffiliatedWhenOtherPartnerThenOnlyThroughMembershipAndOnlyDownward() {
        User alice = dir.user(dir.pool(equities.id()).id(), "alice");
        Organization globexSub = dir.child(globex.id(), "Globex Japan");
        Organization globexSubSub = dir.child(globexSub.id(), "Tokyo");
        assertThat(users.isAffiliated(alice.id(), equities.id())).isTrue();
        assertThat(users.isAffiliated(alice.id(), acme.id())).as("an ancestor of home").isTrue();
        assertThat(users.isAffiliated(alice.id(), globex.id())).isFalse();
        users.addMembership(alice.id(), globexSub.id());
        assertThat(users.isAffiliated(alice.id(), globexSub.id())).isTrue();
        assertThat(users.isAffiliated(alice.id(), globexSubSub.id())).isTrue();
        assertThat(users.isAffiliated(alice.id(), globex.id())).as("memberships reach down, not up").isFalse();
    }
}
