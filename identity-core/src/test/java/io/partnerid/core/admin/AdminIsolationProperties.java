package io.partnerid.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.admin.NewAccessRequest;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.admin.NewInvitation;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupId;
import io.partnerid.core.group.GroupMembership;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.GroupAssignee;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleAssignment;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.Membership;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserStatus;
import io.partnerid.testkit.CoreFixtures;
import io.partnerid.testkit.MutableClock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random sequences of administrative operations by random admins (memberships included: an explicit membership
 * touches both the target organization and the member's home) never let a principal read or change anything
 * outside its admin subtrees, never let anyone grant what they do not hold, and never change a suspended subtree.
 *
 * <p>The oracle is independent of the façade's checks: it snapshots the whole directory (organizations, users,
 * grants, roles, assignments, group memberships, explicit memberships) before and after each operation, recomputes from the raw data who
 * holds which capability and which permission where (ignoring status gates, which only ever remove privileges), and
 * compares. Privilege changes that follow from moving an organization (inheritance from its new ancestors) are
 * confinement-checked but not counted as grants.
 */
class AdminIsolationProperties {

    private static final Actor SYSTEM = Actor.system("bootstrap");
    private static final List<String> PERMISSION_UNIVERSE = List.of("p:a", "p:b", "p:c", "p:d", "p:e");

    enum Kind {
        CREATE_ORG, RENAME_ORG, MOVE_ORG, CREATE_USER, LOCK_USER, GRANT_ADMIN, REVOKE_ADMIN, ASSIGN_ROLE,
        ASSIGN_ROLE_TO_GROUP, ADD_GROUP_MEMBER, DEFINE_ROLE, REVOKE_ROLE, SUSPEND, RESUME, INVITE_AND_REDEEM,
        REQUEST_AND_APPROVE, READ_ORG, READ_SUBTREE, READ_USER, LIST_USERS, ADD_MEMBERSHIP
    }

    record Step(Kind kind, int actor, int a, int b, int c) {
    }

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 999);
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), index, index, index, index)
                .as(Step::new);
        return step.list().ofMinSize(2).ofMaxSize(12);
    }

    @Property(tries = 1000)
    void noPrincipalActsOutsideItsSubtreeOrGrantsWhatItDoesNotHold(@ForAll("scripts") List<Step> script) {
        World world = new World();
        Snapshot before = world.snapshot();
        for (Step step : script) {
            // Three times in four an admin acts (users 0-4 hold grants); otherwise anyone, including new users.
            Actor actor = world.actors.get(step.actor() % 4 != 0 ? step.actor() % 5 : step.actor() % world.actors.size());
            Outcome outcome = world.run(step, actor);
            Statistics.label("outcome").collect(step.kind(), outcome.performed() ? "performed" : "refused");
            Snapshot after = world.snapshot();
            check(step, actor, outcome, before, after);
            before = after;
        }
    }

    // ------------------------------------------------------------------------------------------ the oracle

    private static void check(Step step, Actor actor, Outcome outcome, Snapshot before, Snapshot after) {
        // 1. Confinement of writes: every entity that changed lives in an organization the actor administered.
        for (OrgId home : changedHomes(before, after)) {
            OrgPath path = before.pathOf(home).orElseGet(() -> after.pathOf(home).orElseThrow());
            assertThat(before.capabilities(actor, path)).as("%s by %s changed %s outside its subtrees", step, actor,
                    home).isNotEmpty();
            if (step.kind() != Kind.RESUME) {
                assertThat(before.suspended(path)).as("%s by %s changed suspended %s", step, actor, home).isFalse();
            }
        }
        // 2. Confinement of reads: whatever a read returned lies inside the actor's subtrees.
        for (OrgId seen : outcome.readOrgs()) {
            assertThat(before.capabilities(actor, before.pathOf(seen).orElseThrow()))
                    .as("%s by %s read %s", step, actor, seen).isNotEmpty();
        }
        // 3. No escalation: nobody gains a capability or permission the actor did not hold there.
        for (OrgId org : after.orgs.keySet()) {
            OrgPath pathAfter = after.orgs.get(org).path();
            Optional<OrgPath> pathBefore = before.pathOf(org);
            if (pathBefore.isEmpty() || !pathBefore.get().equals(pathAfter)) {
                continue; // new or moved: covered by confinement above
            }
            Set<AdminCapability> actorCaps = before.capabilities(actor, pathAfter);
            Set<String> actorPerms = before.permissions(actor.id(), org);
            for (String principal : after.principals()) {
                Set<AdminCapability> gained = EnumSet.noneOf(AdminCapability.class);
                gained.addAll(after.capabilities(Actor.user(principal), pathAfter));
                gained.removeAll(before.capabilities(Actor.user(principal), pathAfter));
                assertThat(actorCaps).as("%s by %s gave %s capabilities %s at %s", step, actor, principal, gained,
                        org).containsAll(gained);
                Set<String> gainedPerms = new TreeSet<>(after.permissions(principal, org));
                gainedPerms.removeAll(before.permissions(principal, org));
                assertThat(actorPerms).as("%s by %s gave %s permissions %s at %s", step, actor, principal,
                        gainedPerms, org).containsAll(gainedPerms);
            }
        }
    }

    private static Set<OrgId> changedHomes(Snapshot before, Snapshot after) {
        Set<OrgId> homes = new HashSet<>();
        diff(before.orgs, after.orgs, (id, o) -> {
            Organization old = before.orgs.get(id);
            if (old == null) {
                o.parentId().ifPresent(homes::add); // created: the parent is where the actor acted
            } else {
                homes.add(id);
                if (!old.parentId().equals(o.parentId())) {
                    o.parentId().ifPresent(homes::add); // moved: the new parent must be administered too
                }
            }
        });
        diff(before.users, after.users, (id, u) -> homes.add(u.orgId()));
        diff(before.grants, after.grants, (id, g) -> homes.add(g.scope()));
        diff(before.roles, after.roles, (id, r) -> homes.add(r.orgId()));
        diff(before.assignments, after.assignments, (id, a) -> homes.add(a.orgId()));
        diff(before.groupMembers, after.groupMembers, (id, m) -> homes.add(m.orgId()));
        // A membership changes both sides: the organization it opens and the user it brings in, whose home must be
        // administered too (no admin pulls another subtree's or tenant's users into its own).
        diff(before.memberships, after.memberships, (id, m) -> {
            homes.add(m.orgId());
            User member = after.users.getOrDefault(m.userId().value(), before.users.get(m.userId().value()));
            homes.add(member.orgId());
        });
        return homes;
    }

    private interface Sink<K, V> {
        void changed(K key, V value);
    }

    private static <K, V> void diff(Map<K, V> before, Map<K, V> after, Sink<K, V> sink) {
        for (Map.Entry<K, V> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                sink.changed(e.getKey(), e.getValue());
            }
        }
        for (Map.Entry<K, V> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                sink.changed(e.getKey(), e.getValue());
            }
        }
    }

    record Outcome(boolean performed, List<OrgId> readOrgs) {
        static Outcome refused() {
            return new Outcome(false, List.of());
        }

        static Outcome done() {
            return new Outcome(true, List.of());
        }
    }

    /** Everything the oracle looks at, copied out of the stores. */
    static final class Snapshot {
        final Map<OrgId, Organization> orgs = new HashMap<>();
        final Map<String, User> users = new HashMap<>();
        final Map<AdminGrantId, AdminGrant> grants = new HashMap<>();
        final Map<String, Role> roles = new HashMap<>();
        final Map<String, RoleAssignment> assignments = new HashMap<>();
        final Map<String, Group> groups = new HashMap<>();
        final Map<String, GroupMembership> groupMembers = new HashMap<>();
        final Map<String, Membership> memberships = new HashMap<>();
        private final Map<String, Set<String>> permissionCache = new HashMap<>();

        Optional<OrgPath> pathOf(OrgId id) {
            return Optional.ofNullable(orgs.get(id)).map(Organization::path);
        }

        boolean suspended(OrgPath path) {
            return orgs.values().stream().anyMatch(o -> !o.isActive() && o.path().equals(path));
        }

        Set<String> principals() {
            return users.keySet();
        }

        Set<AdminCapability> capabilities(Actor actor, OrgPath target) {
            if (actor.type() == Actor.Type.SYSTEM) {
                return EnumSet.allOf(AdminCapability.class);
            }
            EnumSet<AdminCapability> caps = EnumSet.noneOf(AdminCapability.class);
            for (AdminGrant g : grants.values()) {
                Organization scope = orgs.get(g.scope());
                if (g.principal().equals(actor) && scope != null && scope.path().isAncestorOrSelfOf(target)) {
                    caps.addAll(g.capabilities());
                }
            }
            return caps;
        }

        /** Permissions granted to a user at an organization by assignments and inheritance, ignoring status gates. */
        Set<String> permissions(String userId, OrgId at) {
            return permissionCache.computeIfAbsent(userId + "@" + at, k -> computePermissions(userId, at));
        }

        private Set<String> computePermissions(String userId, OrgId at) {
            Organization target = orgs.get(at);
            Set<String> perms = new TreeSet<>();
            if (target == null) {
                return perms;
            }
            Set<String> groupsOfUser = new HashSet<>();
            for (GroupMembership m : groupMembers.values()) {
                if (m.userId().value().equals(userId)) {
                    String g = m.groupId().value();
                    while (g != null && groupsOfUser.add(g)) {
                        Group group = groups.get(g);
                        g = group == null ? null : group.parent().map(GroupId::value).orElse(null);
                    }
                }
            }
            for (RoleAssignment a : assignments.values()) {
                boolean mine = a.assignee() instanceof UserAssignee u ? u.userId().value().equals(userId)
                        : groupsOfUser.contains(((GroupAssignee) a.assignee()).groupId().value());
                Role role = roles.get(a.roleId().value());
                Organization where = orgs.get(a.orgId());
                if (!mine || role == null || where == null) {
                    continue;
                }
                if (where.id().equals(at) || (role.inheritable() && where.path().isAncestorOrSelfOf(target.path()))) {
                    perms.addAll(role.permissions());
                }
            }
            return perms;
        }
    }

    // --------------------------------------------------------------------------------------------- the world

    /** A small two-tenant directory, its admins, and the operations the script drives. */
    static final class World {
        final IdentityCore core;
        final DelegatedAdministration admin;
        final MutableClock clock = MutableClock.standard();
        final List<Actor> actors = new ArrayList<>();
        final List<OrgId> orgs = new ArrayList<>();
        final List<IdentityPool> pools = new ArrayList<>();
        final List<User> users = new ArrayList<>();
        final List<Role> roles = new ArrayList<>();
        final List<Group> groups = new ArrayList<>();
        int counter;

        World() {
            core = CoreFixtures.inMemory(clock).core();
            admin = core.admin();
            Organization t1 = org(SYSTEM, null, "T1");
            Organization a = org(SYSTEM, t1.id(), "A");
            Organization b = org(SYSTEM, t1.id(), "B");
            Organization a1 = org(SYSTEM, a.id(), "A1");
            org(SYSTEM, a.id(), "A2");
            org(SYSTEM, a1.id(), "A1x");
            org(SYSTEM, b.id(), "B1");
            Organization t2 = org(SYSTEM, null, "T2");
            Organization c = org(SYSTEM, t2.id(), "C");
            org(SYSTEM, c.id(), "C1");
            for (OrgId o : List.of(t1.id(), a.id(), b.id(), t2.id(), c.id())) {
                pools.add(admin.users().createPool(SYSTEM, o, "pool-" + o));
            }
            // pools: T1, A, B, T2, C; user0 admins T1, user1 A, user2 A1, user3 B, user4 T2; 5-7 have no grant.
            int[] homes = {0, 1, 1, 2, 3, 4, 0, 2};
            for (int i = 0; i < homes.length; i++) {
                users.add(admin.users().create(SYSTEM, newUser(pools.get(homes[i]), "user" + i)));
            }
            roles.add(admin.roles().define(SYSTEM, t1.id(), NewRole.builder("r1").permissions(Set.of("p:a", "p:b"))
                    .inheritable(true).build()));
            roles.add(admin.roles().define(SYSTEM, a.id(), NewRole.builder("r2").permissions(Set.of("p:b", "p:c"))
                    .inheritable(true).build()));
            roles.add(admin.roles().define(SYSTEM, b.id(), NewRole.builder("r3").permissions(Set.of("p:d")).build()));
            roles.add(admin.roles().define(SYSTEM, t2.id(), NewRole.builder("r4").permissions(Set.of("p:a", "p:e"))
                    .inheritable(true).build()));
            groups.add(admin.groups().create(SYSTEM, t1.id(), "g1", Optional.empty()));
            groups.add(admin.groups().create(SYSTEM, a.id(), "g2", Optional.empty()));
            groups.add(admin.groups().create(SYSTEM, a.id(), "g3", Optional.of(groups.get(1).id())));
            assign(users.get(0), roles.get(0), t1.id());
            assign(users.get(1), roles.get(1), a.id());
            assign(users.get(3), roles.get(0), b.id());
            assign(users.get(4), roles.get(3), t2.id());
            admin.roles().assign(SYSTEM, NewAssignment.builder(roles.get(1).id(), new GroupAssignee(groups.get(1)
                    .id()), a.id()).build());
            grant(users.get(0), t1.id(), EnumSet.allOf(AdminCapability.class));
            grant(users.get(1), a.id(), EnumSet.of(AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES,
                    AdminCapability.MANAGE_ADMINS, AdminCapability.MANAGE_GROUPS,
                    AdminCapability.MANAGE_ORGANIZATIONS, AdminCapability.SUSPEND, AdminCapability.APPROVE_REQUESTS));
            grant(users.get(2), a1.id(), EnumSet.of(AdminCapability.MANAGE_USERS, AdminCapability.ASSIGN_ROLES));
            grant(users.get(3), b.id(), EnumSet.allOf(AdminCapability.class));
            grant(users.get(4), t2.id(), EnumSet.allOf(AdminCapability.class));
            for (User u : users) {
                actors.add(Actor.user(u.id().value()));
            }
        }

        private Organization org(Actor actor, OrgId parent, String name) {
            Organization o = parent == null ? admin.organizations().createRoot(actor, new NewOrganization(name))
                    : admin.organizations().create(actor, parent, new NewOrganization(name));
            orgs.add(o.id());
            return o;
        }

        private void assign(User u, Role r, OrgId at) {
            admin.roles().assign(SYSTEM, NewAssignment.builder(r.id(), new UserAssignee(u.id()), at).build());
        }

        private void grant(User u, OrgId scope, EnumSet<AdminCapability> caps) {
            admin.adminGrants().grant(SYSTEM, new NewAdminGrant(Actor.user(u.id().value()), scope, caps));
        }

        private static NewUser newUser(IdentityPool pool, String name) {
            return NewUser.builder(pool.id(), name).build();
        }

        private <T> T pick(List<T> list, int i) {
            return list.get(i % list.size());
        }

        /** Three times in four an organization inside the actor's admin subtrees (when it has any), else any. */
        private OrgId org(Actor actor, int i) {
            if (i % 4 == 0) {
                return pick(orgs, i / 4);
            }
            List<OrgId> mine = new ArrayList<>();
            for (AdminGrant g : core.unchecked().stores().adminGrants().findByPrincipal(actor)) {
                core.unchecked().organizations().find(g.scope()).ifPresent(scope -> mine.addAll(Page.all(
                        p -> core.unchecked().stores().organizations().findSubtree(scope.path(), p), 1000).stream()
                        .map(Organization::id).toList()));
            }
            return mine.isEmpty() ? pick(orgs, i) : pick(mine, i / 4);
        }

        /** Three times in four a user living inside the actor's admin subtrees (when there is one), else any. */
        private User user(Actor actor, int i) {
            if (i % 4 != 0) {
                List<User> mine = new ArrayList<>();
                for (User u : users) {
                    if (!admin.adminGrants().capabilitiesAt(actor, u.orgId()).isEmpty()) {
                        mine.add(u);
                    }
                }
                if (!mine.isEmpty()) {
                    return pick(mine, i / 4);
                }
            }
            return pick(users, i);
        }

        private Set<String> permissionSubset(int mask) {
            Set<String> perms = new TreeSet<>();
            for (int i = 0; i < PERMISSION_UNIVERSE.size(); i++) {
                if ((mask >> i & 1) == 1) {
                    perms.add(PERMISSION_UNIVERSE.get(i));
                }
            }
            return perms.isEmpty() ? Set.of(PERMISSION_UNIVERSE.get(mask % PERMISSION_UNIVERSE.size())) : perms;
        }

        private EnumSet<AdminCapability> capabilitySubset(int mask) {
            EnumSet<AdminCapability> caps = EnumSet.noneOf(AdminCapability.class);
            AdminCapability[] all = AdminCapability.values();
            for (int i = 0; i < all.length; i++) {
                if ((mask >> (i % 10) & 1) == 1 && i % 3 == mask % 3) {
                    caps.add(all[i]);
                }
            }
            if (caps.isEmpty()) {
                caps.add(all[mask % all.length]);
            }
            return caps;
        }

        Outcome run(Step s, Actor actor) {
            try {
                return switch (s.kind()) {
                    case CREATE_ORG -> {
                        orgs.add(admin.organizations().create(actor, org(actor, s.a()),
                                new NewOrganization("org" + (++counter))).id());
                        yield Outcome.done();
                    }
                    case RENAME_ORG -> {
                        admin.organizations().rename(actor, org(actor, s.a()), "renamed" + (++counter));
                        yield Outcome.done();
                    }
                    case MOVE_ORG -> {
                        admin.organizations().move(actor, org(actor, s.a()), org(actor, s.b()));
                        yield Outcome.done();
                    }
                    case CREATE_USER -> {
                        users.add(admin.users().create(actor, newUser(pick(pools, s.a()), "new" + (++counter))));
                        yield Outcome.done();
                    }
                    case LOCK_USER -> {
                        admin.users().changeStatus(actor, user(actor, s.a()).id(),
                                s.b() % 2 == 0 ? UserStatus.LOCKED : UserStatus.ACTIVE);
                        yield Outcome.done();
                    }
                    case GRANT_ADMIN -> {
                        admin.adminGrants().grant(actor, new NewAdminGrant(pick(actors, s.a()), org(actor, s.b()),
                                capabilitySubset(s.c())));
                        yield Outcome.done();
                    }
                    case REVOKE_ADMIN -> {
                        List<AdminGrant> all = new ArrayList<>();
                        for (OrgId o : orgs) {
                            all.addAll(Page.all(p -> core.unchecked().stores().adminGrants().findByScope(o, p), 100));
                        }
                        if (all.isEmpty()) {
                            yield Outcome.refused();
                        }
                        admin.adminGrants().revoke(actor, pick(all, s.a()).id());
                        yield Outcome.done();
                    }
                    case ASSIGN_ROLE -> {
                        admin.roles().assign(actor, NewAssignment.builder(pick(roles, s.a()).id(),
                                new UserAssignee(user(actor, s.b()).id()), org(actor, s.c())).build());
                        yield Outcome.done();
                    }
                    case ASSIGN_ROLE_TO_GROUP -> {
                        admin.roles().assign(actor, NewAssignment.builder(pick(roles, s.a()).id(),
                                new GroupAssignee(pick(groups, s.b()).id()), org(actor, s.c())).build());
                        yield Outcome.done();
                    }
                    case ADD_GROUP_MEMBER -> {
                        admin.groups().addMember(actor, pick(groups, s.a()).id(), user(actor, s.b()).id());
                        yield Outcome.done();
                    }
                    case DEFINE_ROLE -> {
                        roles.add(admin.roles().define(actor, org(actor, s.a()),
                                NewRole.builder("role" + (++counter)).permissions(permissionSubset(s.b()))
                                        .inheritable(s.c() % 2 == 0).build()));
                        yield Outcome.done();
                    }
                    case REVOKE_ROLE -> {
                        List<RoleAssignment> all = new ArrayList<>();
                        for (OrgId o : orgs) {
                            all.addAll(Page.all(p -> core.unchecked().roles().assignments(o, p), 100));
                        }
                        if (all.isEmpty()) {
                            yield Outcome.refused();
                        }
                        admin.roles().revoke(actor, pick(all, s.a()).id());
                        yield Outcome.done();
                    }
                    case SUSPEND -> {
                        admin.governance().suspend(actor, org(actor, s.a()), "property");
                        yield Outcome.done();
                    }
                    case RESUME -> {
                        admin.governance().resume(actor, org(actor, s.a()), "property");
                        yield Outcome.done();
                    }
                    case INVITE_AND_REDEEM -> {
                        InvitationTicket t = admin.invitations().invite(actor, new NewInvitation(pick(pools, s.a())
                                .id(),
                                "x@example.test", s.b() % 2 == 0 ? Set.of() : Set.of(pick(roles, s.c()).id())));
                        InvitationRedemption r = admin.invitations().redeem(t.token(), "inv" + (++counter), "Invitee");
                        if (r instanceof InvitationRedemption.Accepted accepted) {
                            users.add(accepted.user());
                        }
                        yield Outcome.done();
                    }
                    case REQUEST_AND_APPROVE -> {
                        User requester = user(actor, s.a());
                        AccessRequest request = admin.accessRequests().submit(Actor.user(requester.id().value()),
                                NewAccessRequest.builder(org(actor, s.b()), pick(roles, s.c()).id(), "").build());
                        admin.accessRequests().approve(actor, request.id());
                        yield Outcome.done();
                    }
                    case ADD_MEMBERSHIP -> {
                        admin.users().addMembership(actor, user(actor, s.a()).id(), org(actor, s.b()));
                        yield Outcome.done();
                    }
                    case READ_ORG -> new Outcome(true, List.of(admin.organizations().get(actor, org(actor, s.a()))
                            .id()));
                    case READ_SUBTREE -> new Outcome(true, admin.organizations().subtree(actor, org(actor, s.a()),
                            PageRequest.first(100)).items().stream().map(Organization::id).toList());
                    case READ_USER -> new Outcome(true, List.of(admin.users().get(actor, user(actor, s.a()).id())
                            .orgId()));
                    case LIST_USERS -> new Outcome(true, admin.users().list(actor, pick(pools, s.a()).id(),
                            PageRequest.first(100)).items().stream().map(User::orgId).toList());
                };
            } catch (IdentityException e) {
                return Outcome.refused();
            }
        }

        Snapshot snapshot() {
            Snapshot s = new Snapshot();
            for (Organization root : Page.all(p -> core.unchecked().organizations().roots(p), 100)) {
                for (Organization o : Page.all(p -> core.unchecked().organizations().subtree(root.id(), p), 1000)) {
                    s.orgs.put(o.id(), o);
                    for (IdentityPool pool : Page.all(p -> core.unchecked().users().pools(o.id(), p), 100)) {
                        for (User u : Page.all(p -> core.unchecked().users().usersInPool(pool.id(), p), 1000)) {
                            s.users.put(u.id().value(), u);
                        }
                    }
                    for (Membership m : Page.all(p -> core.unchecked().users().members(o.id(), p), 1000)) {
                        s.memberships.put(m.userId().value() + "@" + m.orgId().value(), m);
                    }
                    for (AdminGrant g : Page.all(p -> core.unchecked().stores().adminGrants().findByScope(o.id(), p),
                            100)) {
                        s.grants.put(g.id(), g);
                    }
                    for (Role r : Page.all(p -> core.unchecked().roles().roles(o.id(), p), 100)) {
                        s.roles.put(r.id().value(), r);
                    }
                    for (RoleAssignment a : Page.all(p -> core.unchecked().roles().assignments(o.id(), p), 1000)) {
                        s.assignments.put(a.id().value(), a);
                    }
                    for (Group g : Page.all(p -> core.unchecked().groups().groups(o.id(), p), 100)) {
                        s.groups.put(g.id().value(), g);
                        for (GroupMembership m : Page.all(p -> core.unchecked().groups().members(g.id(), p), 1000)) {
                            s.groupMembers.put(m.groupId().value() + "/" + m.userId().value(), m);
                        }
                    }
                }
            }
            return s;
        }
    }
}
