package io.partnerid.core.admin;

import io.partnerid.core.CoreStores;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.UncheckedServices;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.governance.KillSwitch;
import java.util.Objects;

/**
 * The one façade for administering the tenant model on someone's authority. It is a set of sub-façades, one per
 * area; every operation of each takes the acting principal, checks it against that principal's admin grants through
 * one shared guard, and is audited whether it succeeds or is refused.
 *
 * <p>Thread-safe; all state lives in the repositories. The rules the shared guard enforces:
 * <ul>
 *   <li><b>Subtree confinement</b>: an actor acts only on organizations inside the subtree of an
 *       {@link AdminGrant} holding the needed {@link AdminCapability}; reads need any grant over the target.
 *       Unknown targets and targets out of reach are refused alike ({@code admin.not_permitted}), so a refusal
 *       never reveals whether something exists.</li>
 *   <li><b>No escalation</b>: an actor never grants what it does not hold itself: admin capabilities only over
 *       scopes where it holds them; roles (directly, through a group, an invitation or an approved request) only
 *       when it holds every permission of the role at that organization; new roles only with permissions it holds
 *       ({@code admin.escalation}).</li>
 *   <li><b>Kill switch</b>: nothing in a suspended subtree can be administered ({@code org.suspended}) until an
 *       admin whose grant lies above it resumes it.</li>
 * </ul>
 * {@link io.partnerid.core.Actor#system(String)} is the host's bootstrap authority: it holds every capability
 * everywhere and every permission, and is the only actor that may create root organizations.
 *
 * <p>Hosts get the façade from {@link io.partnerid.core.IdentityCore#admin()}.
 *
 * <pre>{@code
 * DelegatedAdministration admin = core.admin();
 * Actor bootstrap = Actor.system("bootstrap");
 * Organization partner = admin.organizations().createRoot(bootstrap, new NewOrganization("Northwind Capital"));
 * admin.adminGrants().grant(bootstrap, new NewAdminGrant(Actor.user(partnerAdmin.id().value()), partner.id(),
 *         EnumSet.of(AdminCapability.MANAGE_ORGANIZATIONS, AdminCapability.MANAGE_USERS)));
 * // the partner's own admin now manages its subtree, and nothing else:
 * admin.organizations().create(Actor.user(partnerAdmin.id().value()), partner.id(), new NewOrganization("Equities"));
 * }</pre>
 */
public final class DelegatedAdministration {

    private final Guard guard;
    private final OrganizationAdmin organizations;
    private final UserAdmin users;
    private final GroupAdmin groups;
    private final RoleAdmin roles;
    private final ClientAdmin clients;
    private final DomainAdmin domains;
    private final SettingsAdmin settings;
    private final AdminGrantAdmin adminGrants;
    private final AccessRequestAdmin accessRequests;
    private final InvitationAdmin invitations;
    private final GovernanceAdmin governance;

    private DelegatedAdministration(UncheckedServices services, KillSwitch killSwitch, AuditPublisher audit,
                                    IdentityRuntime runtime) {
        CoreStores stores = services.stores();
        this.guard = new Guard(stores.adminGrants(), stores.organizations(), services.roles(), audit, runtime);
        this.organizations = new OrganizationAdmin(guard, services.organizations());
        this.users = new UserAdmin(guard, services.users());
        this.groups = new GroupAdmin(guard, services.groups(), services.roles());
        this.roles = new RoleAdmin(guard, services.roles(), services.groups());
        this.clients = new ClientAdmin(guard, services.clients());
        this.domains = new DomainAdmin(guard, services.domains());
        this.settings = new SettingsAdmin(guard, services.settings());
        this.adminGrants = new AdminGrantAdmin(guard, stores.adminGrants());
        this.accessRequests = new AccessRequestAdmin(guard, stores.accessRequests(), stores.organizations(),
                services.users(), services.roles());
        this.invitations = new InvitationAdmin(guard, stores.invitations(), stores.organizations(), services.users(),
                services.roles());
        this.governance = new GovernanceAdmin(guard, stores.organizations(), killSwitch, stores.auditLog());
    }

    /**
     * Wires the façade over the core's unchecked services and stores; {@link io.partnerid.core.IdentityCore} calls
     * this once, hosts use {@link io.partnerid.core.IdentityCore#admin()}.
     *
     * @param services the domain services and stores it checks and audits access to
     * @param killSwitch the kill switch behind {@link GovernanceAdmin#suspend}
     * @param audit where every outcome is recorded
     * @param runtime clock, ids and randomness
     */
    public static DelegatedAdministration over(UncheckedServices services, KillSwitch killSwitch,
                                               AuditPublisher audit, IdentityRuntime runtime) {
        return new DelegatedAdministration(Objects.requireNonNull(services, "services"),
                Objects.requireNonNull(killSwitch, "killSwitch"), Objects.requireNonNull(audit, "audit"),
                Objects.requireNonNull(runtime, "runtime"));
    }

    /** The organization tree: create, rename, move, read. */
    public OrganizationAdmin organizations() {
        return organizations;
    }

    /** Identity pools, users, federated links and memberships. */
    public UserAdmin users() {
        return users;
    }

    /** Groups and their members. */
    public GroupAdmin groups() {
        return groups;
    }

    /** Roles and role assignments. */
    public RoleAdmin roles() {
        return roles;
    }

    /** Client applications and their secrets. */
    public ClientAdmin clients() {
        return clients;
    }

    /** Email domains proved by DNS. */
    public DomainAdmin domains() {
        return domains;
    }

    /** Inherited settings and their locks. */
    public SettingsAdmin settings() {
        return settings;
    }

    /** Admin grants: who administers which subtree. */
    public AdminGrantAdmin adminGrants() {
        return adminGrants;
    }

    /** Users' requests for roles, and their approval. */
    public AccessRequestAdmin accessRequests() {
        return accessRequests;
    }

    /** Invitations into pools, and their redemption. */
    public InvitationAdmin invitations() {
        return invitations;
    }

    /** The kill switch (suspend, resume) and the audit trail. */
    public GovernanceAdmin governance() {
        return governance;
    }

    /**
     * The check of this façade for services outside identity-core that change privileges on an actor's authority
     * (identity-authz's cross-organization grants): the same admin grants, subtree confinement and suspension rules
     * as the sub-façades' own operations; a refusal of a known organization is audited as an
     * {@code admin.operation} with outcome {@code REFUSED} under the operation name the caller gives. See
     * {@link AdminGuard} for the rules.
     */
    public AdminGuard guard() {
        return guard::require;
    }
}
