package io.partnerid.core.role;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.group.Group;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.user.User;
import io.partnerid.testkit.role.RoleFixtures;
import io.partnerid.testkit.user.InMemoryDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random forests of organizations, users with memberships, nested groups, roles and time-bound assignments; the
 * service's effective roles are compared with a brute-force model and with the tenant-isolation invariant.
 */
class RoleEvaluationProperties {

    private static final Actor ADMIN = Actor.system("property");

    /** The world of one scenario, with everything the model needs. */
    private static final class World {
        final InMemoryDirectory dir = new InMemoryDirectory();
        final List<Organization> orgs = new ArrayList<>();
        final Map<OrgId, Organization> byId = new HashMap<>();
        final List<User> users = new ArrayList<>();
        final Map<User, Set<OrgId>> memberships = new HashMap<>();
        final List<Group> groups = new ArrayList<>();
        final Map<User, Set<Group>> groupMembers = new HashMap<>();
        final List<Role> roles = new ArrayList<>();
        final List<RoleAssignment> assignments = new ArrayList<>();

        Organization add(Organization org) {
            orgs.add(org);
            byId.put(org.id(), org);
            return org;
        }

        boolean ancestorOrSelf(OrgId a, OrgId d) {
            return byId.get(d).path().ids().contains(a);
        }

        boolean affiliated(User u, OrgId x) {
            if (ancestorOrSelf(u.orgId(), x) || ancestorOrSelf(x, u.orgId())) {
                return true;
            }
            return memberships.get(u).stream().anyMatch(m -> ancestorOrSelf(m, x));
        }

        Set<Group> effectiveGroups(User u) {
            Set<Group> result = new HashSet<>();
            for (Group g : groupMembers.get(u)) {
                Optional<Group> cur = Optional.of(g);
                while (cur.isPresent()) {
                    result.add(cur.get());
                    Optional<Group> c = cur;
                    cur = c.get().parent().flatMap(p -> groups.stream().filter(x -> x.id().equals(p)).findFirst());
                }
            }
            return result;
        }

        Set<RoleId> model(User u, OrgId at, Instant t) {
            Set<RoleId> result = new HashSet<>();
            if (!affiliated(u, at)) {
                return result;
            }
            Set<Assignee> holders = new HashSet<>();
            holders.add(new UserAssignee(u.id()));
            effectiveGroups(u).forEach(g -> holders.add(new GroupAssignee(g.id())));
            for (RoleAssignment a : assignments) {
                Role role = roles.stream().filter(r -> r.id().equals(a.roleId())).findFirst().orElseThrow();
                boolean window = a.validFrom().map(f -> !t.isBefore(f)).orElse(true)
                        && a.validUntil().map(t::isBefore).orElse(true);
                boolean reaches = a.orgId().equals(at) || (role.inheritable() && ancestorOrSelf(a.orgId(), at));
                if (holders.contains(a.assignee()) && window && reaches) {
                    result.add(role.id());
                }
            }
            return result;
        }
    }

    private static World build(long seed) {
        Random random = new Random(seed);
        World w = new World();
        for (int t = 0; t < 2; t++) {
            w.add(w.dir.root("tenant" + t));
        }
        for (int i = 0; i < 10; i++) {
            Organization parent = w.orgs.get(random.nextInt(w.orgs.size()));
            w.add(w.dir.child(parent.id(), "org" + i));
        }
        for (int i = 0; i < 6; i++) {
            Organization home = w.orgs.get(random.nextInt(w.orgs.size()));
            User u = w.dir.user(w.dir.pool(home.id()).id(), "user" + i);
            w.users.add(u);
            w.memberships.put(u, new HashSet<>());
            w.groupMembers.put(u, new HashSet<>());
            if (random.nextInt(3) == 0) {
                Organization other = w.orgs.get(random.nextInt(w.orgs.size()));
                if (!other.id().equals(u.orgId())) {
                    w.dir.users.addMembership(u.id(), other.id());
                    w.memberships.get(u).add(other.id());
                }
            }
        }
        for (int i = 0; i < 6; i++) {
            Organization org = w.orgs.get(random.nextInt(w.orgs.size()));
            List<Group> sameOrg = w.groups.stream().filter(g -> g.orgId().equals(org.id())).toList();
            Optional<Group> parent = sameOrg.isEmpty() || random.nextBoolean() ? Optional.empty()
                    : Optional.of(sameOrg.get(random.nextInt(sameOrg.size())));
            w.groups.add(w.dir.groups.createGroup(org.id(), "g" + i, parent.map(Group::id)));
        }
        for (User u : w.users) {
            for (Group g : w.groups) {
                if (random.nextInt(4) == 0) {
                    try {
                        w.dir.groups.addMember(g.id(), u.id());
                        w.groupMembers.get(u).add(g);
                    } catch (IdentityException e) {
                        assertThat(w.affiliated(u, g.orgId())).isFalse();
                    }
                }
            }
        }
        for (int i = 0; i < 8; i++) {
            Organization org = w.orgs.get(random.nextInt(w.orgs.size()));
            w.roles.add(w.dir.roles.defineRole(org.id(), RoleFixtures.newRole().name("r" + i)
                    .inheritable(random.nextBoolean()).permissions("p:" + i).build()));
        }
        Instant t0 = w.dir.clock.instant();
        for (int i = 0; i < 40; i++) {
            Role role = w.roles.get(random.nextInt(w.roles.size()));
            Organization at = w.orgs.get(random.nextInt(w.orgs.size()));
            Assignee who = random.nextInt(3) == 0
                    ? new GroupAssignee(w.groups.get(random.nextInt(w.groups.size())).id())
                    : new UserAssignee(w.users.get(random.nextInt(w.users.size())).id());
            RoleFixtures.NewAssignmentBuilder b = RoleFixtures.newAssignment(role.id(), who, at.id());
            if (random.nextBoolean()) {
                b.validFrom(t0.plus(Duration.ofHours(random.nextInt(4))));
            }
            if (random.nextBoolean()) {
                b.validUntil(t0.plus(Duration.ofHours(4 + random.nextInt(4))));
            }
            try {
                w.assignments.add(w.dir.roles.assign(b.build(), ADMIN));
            } catch (IdentityException e) {
                assertThat(e.code().value()).isIn(RoleErrors.NOT_ASSIGNABLE.value(),
                        RoleErrors.ASSIGNEE_NOT_AFFILIATED.value());
            }
        }
        return w;
    }

    @Property(tries = 150)
    void effectiveRolesAlwaysMatchTheModelAndNeverLeaveTheUsersLineage(@ForAll long seed) {
        World w = build(seed);
        Instant t0 = w.dir.clock.instant();
        for (Instant t : List.of(t0, t0.plus(Duration.ofHours(3)), t0.plus(Duration.ofHours(6)),
                t0.plus(Duration.ofHours(9)))) {
            for (User u : w.users) {
                for (Organization at : w.orgs) {
                    Set<Role> effective = w.dir.roles.effectiveRoles(u.id(), at.id(), t);
                    Set<RoleId> ids = new HashSet<>();
                    effective.forEach(r -> ids.add(r.id()));
                    assertThat(ids).as("user %s at %s, %s", u.username(), at.name(), t)
                            .isEqualTo(w.model(u, at.id(), t));
                    for (Role r : effective) {
                        // Tenant isolation: a role only ever comes from `at` or one of its ancestors, and only to a
                        // user affiliated with `at`.
                        assertThat(w.ancestorOrSelf(r.orgId(), at.id())).isTrue();
                        assertThat(w.affiliated(u, at.id())).isTrue();
                    }
                }
            }
        }
    }

    @Property(tries = 100)
    void assignWhenAcceptedThenRoleAssignableAndAssigneeAffiliated(@ForAll long seed) {
        World w = build(seed);
        for (RoleAssignment a : w.assignments) {
            Role role = w.roles.stream().filter(r -> r.id().equals(a.roleId())).findFirst().orElseThrow();
            assertThat(role.orgId().equals(a.orgId()) || (role.inheritable() && w.ancestorOrSelf(role.orgId(),
                    a.orgId()))).isTrue();
            if (a.assignee() instanceof UserAssignee ua) {
                User u = w.users.stream().filter(x -> x.id().equals(ua.userId())).findFirst().orElseThrow();
                assertThat(w.affiliated(u, a.orgId())).isTrue();
            }
        }
    }
}
