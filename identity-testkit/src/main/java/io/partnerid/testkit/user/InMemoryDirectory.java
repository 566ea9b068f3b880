package io.partnerid.testkit.user;

import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.client.Argon2SecretHasher;
import io.partnerid.core.client.ClientService;
import io.partnerid.core.client.InMemoryClientRepository;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.group.InMemoryGroupRepository;
import io.partnerid.core.org.InMemoryOrganizationRepository;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.InMemoryRoleAssignmentRepository;
import io.partnerid.core.role.InMemoryRoleRepository;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.InMemoryFederatedIssuerResolver;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService;
import io.partnerid.testkit.MutableClock;
import io.partnerid.testkit.TestRuntimes;

/**
 * The organization, user, group, role and client services wired over fresh in-memory repositories, on a
 * {@link MutableClock} and a cheap Argon2 hasher, for tests.
 *
 * <p>Thread-safe as the services are; the fields are final.
 *
 * <pre>{@code
 * InMemoryDirectory dir = new InMemoryDirectory();
 * Organization acme = dir.root("Acme");
 * IdentityPool staff = dir.pool(acme.id());
 * User alice = dir.user(staff.id(), "alice");
 * }</pre>
 */
public final class InMemoryDirectory {

    /** Argon2id parameters cheap enough for unit tests (256 KiB, 1 pass); never for production. */
    public static final Argon2SecretHasher.Parameters TEST_HASHING = new Argon2SecretHasher.Parameters(256, 1, 1);

    /** The clock every service reads; tests move it. */
    public final MutableClock clock;
    /** The runtime built on {@link #clock}. */
    public final IdentityRuntime runtime;
    /** The organization repository behind {@link #organizations} (tests suspend subtrees through it). */
    public final InMemoryOrganizationRepository organizationRepository;
    /** The organization tree. */
    public final OrganizationService organizations;
    /** The issuers registered per organization; links are allowed only for these (empty at first). */
    public final InMemoryFederatedIssuerResolver issuers;
    /** Pools, users, links and memberships. */
    public final UserService users;
    /** Groups. */
    public final GroupService groups;
    /** Roles and assignments. */
    public final RoleService roles;
    /** Client applications. */
    public final ClientService clients;

    /** A directory on {@link MutableClock#standard()}. */
    public InMemoryDirectory() {
        this(MutableClock.standard());
    }

    /** A directory on {@code clock}. */
    public InMemoryDirectory(MutableClock clock) {
        this.clock = clock;
        this.runtime = TestRuntimes.on(clock);
        this.organizationRepository = new InMemoryOrganizationRepository();
        this.organizations = new OrganizationService(organizationRepository, runtime);
        this.issuers = new InMemoryFederatedIssuerResolver();
        this.users = UserService.inMemory(organizations, issuers, runtime);
        this.groups = new GroupService(new InMemoryGroupRepository(), users, organizations, runtime);
        this.roles = new RoleService(new InMemoryRoleRepository(), new InMemoryRoleAssignmentRepository(), users,
                groups, organizations, runtime);
        this.clients = new ClientService(new InMemoryClientRepository(),
                new Argon2SecretHasher(runtime.random(), TEST_HASHING), organizations, runtime);
    }

    /** Creates a root organization. */
    public Organization root(String name) {
        return organizations.createRoot(new NewOrganization(name));
    }

    /** Creates a child organization. */
    public Organization child(OrgId parent, String name) {
        return organizations.createChild(parent, new NewOrganization(name));
    }

    /** Marks the subtree of {@code org} suspended, as the kill switch does (without its contributors). */
    public void suspend(OrgId org) {
        organizationRepository.suspendSubtree(organizations.require(org).path(), org);
    }

    /** Resumes the subtree of {@code org} suspended by {@link #suspend}. */
    public void resume(OrgId org) {
        organizationRepository.resumeSubtree(organizations.require(org).path(), org);
    }

    /** Creates a pool named {@code staff} in {@code org}. */
    public IdentityPool pool(OrgId org) {
        return users.createPool(org, "staff");
    }

    /** Creates an ACTIVE user with default fixture values. */
    public User user(PoolId pool, String username) {
        return users.createUser(UserFixtures.newUser(pool).username(username).build());
    }
}
