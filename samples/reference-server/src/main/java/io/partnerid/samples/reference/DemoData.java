package io.partnerid.samples.reference;

import io.partnerid.authz.grant.CrossOrgGrantService;
import io.partnerid.authz.policy.GrantDef;
import io.partnerid.core.Actor;
import io.partnerid.core.IdentityCore;
import io.partnerid.core.Page;
import io.partnerid.core.admin.AdminCapability;
import io.partnerid.core.admin.DelegatedAdministration;
import io.partnerid.core.admin.NewAdminGrant;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService.NewRole;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo partner ecosystem: seeded through the SDK's normal services on the first start (so it leaves a real audit
 * trail), found again on every later start.
 *
 * <p>The ecosystem is the AuthZEN interop "Todo" scenario told as a B2B story. The manufacturer <em>The
 * Citadel</em> (two sub-organizations) runs the Todo application; its staff Rick and Morty hold the Todo roles as
 * core roles. The partner <em>The Smiths</em> (one sub-organization) reaches the application only through a
 * cross-organization grant of the roles {@code viewer} and {@code editor}, which its own admin Beth assigns to Summer,
 * Jerry and herself. The supplier <em>Plumbus Supply Co.</em> (one sub-organization) has a user but no grant, so it
 * is denied. No email domain is verified.
 *
 * <p>Stateless and thread-safe; {@link #ensure} is meant to run once at start-up, from one process (H2 is a
 * single-process database).
 */
final class DemoData {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    static final String CITADEL = "The Citadel";
    static final String SMITHS = "The Smiths";
    static final String PLUMBUS = "Plumbus Supply Co.";

    /** The organizations of the Todo policy document, which names organizations by its own ids. */
    static final OrgId POLICY_CITADEL = OrgId.of("the-citadel");
    static final OrgId POLICY_SMITHS = OrgId.of("the-smiths");

    /** The cross-organization grant that lets the Smiths use the Citadel's Todo application. */
    static final String GRANT_ID = "citadel-todo-for-smiths";

    static final String RICK = "rick@the-citadel.com";
    static final String MORTY = "morty@the-citadel.com";
    static final String SUMMER = "summer@the-smiths.com";
    static final String BETH = "beth@the-smiths.com";
    static final String JERRY = "jerry@the-smiths.com";
    static final String SQUANCHY = "squanchy@plumbus.example";

    private static final Actor SEED = Actor.system("reference-server-seed");
    private static final int PAGE = 100;

    /**
     * The demo organizations and pools the server's endpoints need.
     *
     * @param citadel the manufacturer's root organization
     * @param smiths the partner's root organization
     * @param plumbus the supplier's root organization
     * @param citadelPool the manufacturer's staff
     * @param smithsPool the partner's users
     * @param plumbusPool the supplier's users
     * @param seededNow whether this start created the data (false when it was already there)
     */
    record Ecosystem(OrgId citadel, OrgId smiths, OrgId plumbus, PoolId citadelPool, PoolId smithsPool,
                     PoolId plumbusPool, boolean seededNow) {
        Ecosystem {
            Objects.requireNonNull(citadel, "citadel");
            Objects.requireNonNull(smiths, "smiths");
            Objects.requireNonNull(plumbus, "plumbus");
            Objects.requireNonNull(citadelPool, "citadelPool");
            Objects.requireNonNull(smithsPool, "smithsPool");
            Objects.requireNonNull(plumbusPool, "plumbusPool");
        }

        /** The core root organizations, in seeding order. */
        List<OrgId> roots() {
            return List.of(citadel, smiths, plumbus);
        }
    }

    private DemoData() {
    }

    /**
     * Seeds the demo data unless it is already there; either way returns where it is.
     *
     * @throws IllegalStateException when an earlier first start was interrupted half-way: the database then holds
     *     part of the data, and seeding again would duplicate it
     */
    static Ecosystem ensure(IdentityCore core, CrossOrgGrantService grants) {
        Optional<Organization> citadel = root(core, CITADEL);
        if (citadel.isEmpty()) {
            return seed(core, grants);
        }
        Optional<Ecosystem> found = find(core, grants, citadel.get());
        if (found.isEmpty()) {
            throw new IllegalStateException("The database holds part of the demo data (an earlier first start was "
                    + "interrupted). Delete the database and start again.");
        }
        LOG.info("Demo data found ({}, {}, {}); not seeded again", CITADEL, SMITHS, PLUMBUS);
        return found.get();
    }

    private static Optional<Ecosystem> find(IdentityCore core, CrossOrgGrantService grants, Organization citadel) {
        Optional<Organization> smiths = root(core, SMITHS);
        Optional<Organization> plumbus = root(core, PLUMBUS);
        if (smiths.isEmpty() || plumbus.isEmpty()) {
            return Optional.empty();
        }
        Optional<PoolId> citadelPool = firstPool(core, citadel.id());
        Optional<PoolId> smithsPool = firstPool(core, smiths.get().id());
        Optional<PoolId> plumbusPool = firstPool(core, plumbus.get().id());
        // the seed's last write: Jerry's derived role
        boolean complete = !grants.roleAssignments(POLICY_SMITHS, JERRY).isEmpty();
        if (citadelPool.isEmpty() || smithsPool.isEmpty() || plumbusPool.isEmpty() || !complete) {
            return Optional.empty();
        }
        return Optional.of(new Ecosystem(citadel.id(), smiths.get().id(), plumbus.get().id(), citadelPool.get(),
                smithsPool.get(), plumbusPool.get(), false));
    }

    private static Ecosystem seed(IdentityCore core, CrossOrgGrantService grants) {
        DelegatedAdministration admin = core.admin();

        // The manufacturer: runs the Todo application; its staff hold the Todo roles as core roles.
        Organization citadel = admin.organizations().createRoot(SEED, new NewOrganization(CITADEL));
        admin.organizations().create(SEED, citadel.id(), new NewOrganization("Portal Engineering"));
        admin.organizations().create(SEED, citadel.id(), new NewOrganization("Procurement"));
        IdentityPool citadelPool = admin.users().createPool(SEED, citadel.id(), "Citadel staff");
        admin.roles().define(SEED, citadel.id(),
                NewRole.builder("viewer").permissions(Set.of("user:can_read_user", "todo:can_read_todos"))
                        .inheritable(true).build());
        Role editor = admin.roles().define(SEED, citadel.id(), NewRole.builder("editor")
                .permissions(Set.of("user:can_read_user",
                "todo:can_read_todos", "todo:can_create_todo", "todo:can_update_todo", "todo:can_delete_todo"))
                        .inheritable(true).build());
        Role todoAdmin = admin.roles().define(SEED, citadel.id(),
                NewRole.builder("admin").permissions(Set.of("todo:can_delete_todo")).inheritable(true).build());
        Role evilGenius = admin.roles().define(SEED, citadel.id(),
                NewRole.builder("evil_genius").permissions(Set.of("todo:can_update_todo")).inheritable(true).build());
        User rick = user(admin, citadelPool, RICK, "Rick Sanchez");
        User morty = user(admin, citadelPool, MORTY, "Morty Smith");
        assign(admin, todoAdmin, rick, citadel.id());
        assign(admin, evilGenius, rick, citadel.id());
        assign(admin, editor, morty, citadel.id());

        // The partner: its own admin, its own users; the Todo application only through a grant (below).
        Organization smiths = admin.organizations().createRoot(SEED, new NewOrganization(SMITHS));
        admin.organizations().create(SEED, smiths.id(), new NewOrganization("Smith Garage"));
        IdentityPool smithsPool = admin.users().createPool(SEED, smiths.id(), "Smith household");
        User beth = user(admin, smithsPool, BETH, "Beth Smith");
        User summer = user(admin, smithsPool, SUMMER, "Summer Smith");
        User jerry = user(admin, smithsPool, JERRY, "Jerry Smith");
        Actor bethAdmin = Actor.user(beth.id().value());
        admin.adminGrants().grant(SEED, new NewAdminGrant(bethAdmin, smiths.id(),
                EnumSet.of(AdminCapability.MANAGE_USERS,
                AdminCapability.ASSIGN_ROLES, AdminCapability.VIEW_AUDIT)));

        // The supplier: a user, no grant: every Todo decision for it is a deny.
        Organization plumbus = admin.organizations().createRoot(SEED, new NewOrganization(PLUMBUS));
        admin.organizations().create(SEED, plumbus.id(), new NewOrganization("Plumbus Logistics"));
        IdentityPool plumbusPool = admin.users().createPool(SEED, plumbus.id(), "Plumbus staff");
        Role supplier = admin.roles().define(SEED, plumbus.id(),
                NewRole.builder("supplier-user").permissions(Set.of("portal:access")).inheritable(true).build());
        assign(admin, supplier, user(admin, plumbusPool, SQUANCHY, "Squanchy"), plumbus.id());

        // The cross-organization grant (audited as privilege changes), then the assignments; Jerry's comes last: it
        // marks the seed as complete. The seed acts as the system: the Todo policy names organizations by its own ids,
        // which core's admin grants (checked by the grant service's guard) do not cover.
        grants.grant(SEED, new GrantDef(GRANT_ID, POLICY_CITADEL.value(),
                POLICY_SMITHS.value(), List.of("viewer", "editor"), List.of(), Optional.empty(), Optional.empty()));
        grants.assign(SEED, GRANT_ID, POLICY_SMITHS, summer.username(), "editor");
        grants.assign(SEED, GRANT_ID, POLICY_SMITHS, beth.username(), "viewer");
        grants.assign(SEED, GRANT_ID, POLICY_SMITHS, jerry.username(), "viewer");

        LOG.info("Demo data seeded: {}, {}, {} with their users, roles, a cross-organization grant and audit trail",
                CITADEL, SMITHS, PLUMBUS);
        return new Ecosystem(citadel.id(), smiths.id(), plumbus.id(), citadelPool.id(), smithsPool.id(),
                plumbusPool.id(), true);
    }

    private static User user(DelegatedAdministration admin, IdentityPool pool, String email, String name) {
        return admin.users().create(SEED, NewUser.builder(pool.id(), email).email(email).displayName(name).build());
    }

    private static void assign(DelegatedAdministration admin, Role role, User user, OrgId at) {
        admin.roles().assign(SEED, NewAssignment.builder(role.id(), new UserAssignee(user.id()), at).build());
    }

    private static Optional<Organization> root(IdentityCore core, String name) {
        return Page.all(p -> core.unchecked().organizations().roots(p), PAGE).stream()
                .filter(o -> o.name().equals(name))
                .findFirst();
    }

    private static Optional<PoolId> firstPool(IdentityCore core, OrgId org) {
        return core.unchecked().users().pools(org, io.partnerid.core.PageRequest.first(1)).items().stream()
                .map(IdentityPool::id)
                .findFirst();
    }
}
