package io.partnerid.testkit.role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.StoreErrors;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupId;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.role.Assignee;
import io.partnerid.core.role.GroupAssignee;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleAssignment;
import io.partnerid.core.role.RoleAssignmentId;
import io.partnerid.core.role.RoleAssignmentRepository;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.RepositoryContractSupport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RoleAssignmentRepository} implementation must pass: extend it and return the
 * repository under test from {@link #repository()}.
 *
 * <p>Not thread-safe; one instance per test. Ids are unique per test, so a shared database works.
 */
public abstract class RoleAssignmentRepositoryContract extends RepositoryContractSupport {

    private RoleAssignmentRepository repo;
    private OrgId org;
    private Role role;
    private Role otherRole;
    private UserAssignee alice;
    private GroupAssignee traders;

    /** The repository under test; called once before each test. */
    protected abstract RoleAssignmentRepository repository();

    @BeforeEach
    final void setUpRepository() {
        repo = repository();
        org = org("o");
        role = new Role(RoleId.of(id("role")), org, "trader", Set.of("orders:read"), true, T0, 0);
        otherRole = new Role(RoleId.of(id("role2")), org, "viewer", Set.of(), true, T0, 0);
        givenRole(role);
        givenRole(otherRole);
        IdentityPool pool = new IdentityPool(PoolId.of(id("pool")), org, "Pool", T0, 0);
        givenPool(pool);
        User user = new User(UserId.of(id("alice")), pool.id(), org, "alice", Optional.empty(), "Alice",
                UserStatus.ACTIVE, T0, 0);
        givenUser(user);
        alice = new UserAssignee(user.id());
        Group group = new Group(GroupId.of(id("traders")), org, "Traders", Optional.empty(), T0, 0);
        givenGroup(group);
        traders = new GroupAssignee(group.id());
    }

    private RoleAssignment assignment(String suffix, Role r, Assignee assignee, OrgId at) {
        return new RoleAssignment(RoleAssignmentId.of(id(suffix)), r.id(), assignee, at, Optional.empty(),
                Optional.empty(), Actor.user("admin-1"), T0);
    }

    private RoleAssignment stored(String suffix, Role r, Assignee assignee, OrgId at) {
        RoleAssignment a = assignment(suffix, r, assignee, at);
        repo.insert(a);
        return a;
    }

    @Test
    void insertThenFindReturnsTheSameAssignmentWithWindowAndMicroseconds() {
        Instant from = T0.plusNanos(1_000);
        Instant until = T0.plusSeconds(3600).plusNanos(999_999_000);
        RoleAssignment bounded = new RoleAssignment(RoleAssignmentId.of(id("a")), role.id(), alice, org,
                Optional.of(from), Optional.of(until), Actor.system("bootstrap"), T0.plusNanos(123_456_000));
        repo.insert(bounded);
        RoleAssignment open = stored("b", role, traders, org);
        RoleAssignment untilOnly = new RoleAssignment(RoleAssignmentId.of(id("c")), role.id(), alice, org,
                Optional.empty(), Optional.of(until), Actor.service("batch-client"), T0);
        repo.insert(untilOnly);
        assertThat(repo.findById(bounded.id())).contains(bounded);
        assertThat(repo.findById(open.id())).contains(open);
        assertThat(repo.findById(untilOnly.id())).contains(untilOnly);
        assertThat(repo.findById(RoleAssignmentId.of(id("none")))).isEmpty();
    }

    @Test
    void insertWhenIdExistsThenDuplicateButTheSameGrantTwiceIsAllowed() {
        stored("a", role, alice, org);
        assertThatThrownBy(() -> repo.insert(assignment("a", otherRole, traders, org)))
                .isInstanceOfSatisfying(IdentityException.class,
                        e -> assertThat(e.code()).isEqualTo(StoreErrors.DUPLICATE));
        stored("b", role, alice, org);
        assertListing(p -> repo.findByAssignee(alice, p), a -> a.id().value(), List.of(id("a"), id("b")));
    }

    @Test
    void deleteWhenPresentThenTrueOnceAndGoneFromEveryListing() {
        RoleAssignment a = stored("a", role, alice, org);
        assertThat(repo.delete(a.id())).isTrue();
        assertThat(repo.delete(a.id())).isFalse();
        assertThat(repo.findById(a.id())).isEmpty();
        assertListing(p -> repo.findByAssignee(alice, p), x -> x.id().value(), List.of());
        assertListing(p -> repo.findByRole(role.id(), p), x -> x.id().value(), List.of());
        assertListing(p -> repo.findByOrg(org, p), x -> x.id().value(), List.of());
    }

    @Test
    void findByAssigneeWhenUserAndGroupShareAnIdThenKindsStayApart() {
        UserAssignee userX = new UserAssignee(UserId.of(id("x")));
        GroupAssignee groupX = new GroupAssignee(GroupId.of(id("x")));
        stored("a", role, userX, org);
        stored("b", role, groupX, org);
        assertListing(p -> repo.findByAssignee(userX, p), x -> x.id().value(), List.of(id("a")));
        assertListing(p -> repo.findByAssignee(groupX, p), x -> x.id().value(), List.of(id("b")));
    }

    @Test
    void listingsWhenPagedThenBinaryIdOrderAndScoped() {
        OrgId other = org("other");
        for (String s : List.of("b", "Zed", "abe", "_x", "-m", "9")) {
            stored(s, role, alice, org);
        }
        stored("a-group", role, traders, org);
        stored("a-role2", otherRole, alice, other);
        assertListing(p -> repo.findByAssignee(alice, p), a -> a.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("a-role2"), id("abe"), id("b")));
        assertListing(p -> repo.findByRole(role.id(), p), a -> a.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("a-group"), id("abe"), id("b")));
        assertListing(p -> repo.findByOrg(other, p), a -> a.id().value(), List.of(id("a-role2")));
        assertListing(p -> repo.findByOrg(org, p), a -> a.id().value(),
                List.of(id("-m"), id("9"), id("Zed"), id("_x"), id("a-group"), id("abe"), id("b")));
    }

    @Test
    void deleteByAssigneeWhenHeldThenCountAndOthersUntouched() {
        stored("a", role, alice, org);
        stored("b", otherRole, alice, org("other"));
        RoleAssignment groups = stored("c", role, traders, org);
        assertThat(repo.deleteByAssignee(alice)).isEqualTo(2);
        assertThat(repo.deleteByAssignee(alice)).isZero();
        assertListing(p -> repo.findByAssignee(alice, p), a -> a.id().value(), List.of());
        assertListing(p -> repo.findByRole(role.id(), p), a -> a.id().value(), List.of(groups.id().value()));
        assertThat(repo.findById(groups.id())).contains(groups);
    }
}
