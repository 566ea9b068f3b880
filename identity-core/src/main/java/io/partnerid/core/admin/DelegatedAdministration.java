package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.IdentityRuntime;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.AccessRequestDecisionEvent;
import io.partnerid.core.audit.AdminOperationEvent;
import io.partnerid.core.audit.AuditEvent;
import io.partnerid.core.audit.AuditLog;
import io.partnerid.core.audit.AuditRecord;
import io.partnerid.core.audit.AuditPublisher;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.client.ClientApplication;
import io.partnerid.core.client.ClientId;
import io.partnerid.core.client.ClientRegistration;
import io.partnerid.core.client.ClientService;
import io.partnerid.core.domain.DomainChallenge;
import io.partnerid.core.domain.DomainName;
import io.partnerid.core.domain.DomainVerification;
import io.partnerid.core.domain.DomainVerificationService;
import io.partnerid.core.governance.KillSwitch;
import io.partnerid.core.governance.SuspensionReport;
import io.partnerid.core.group.Group;
import io.partnerid.core.group.GroupId;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.role.GroupAssignee;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleAssignment;
import io.partnerid.core.role.RoleAssignmentId;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.settings.EffectiveSetting;
import io.partnerid.core.settings.SettingExplanation;
import io.partnerid.core.settings.SettingKey;
import io.partnerid.core.settings.SettingsService;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserService;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one façade for administering the tenant model on someone's authority: every operation takes the acting
 * principal, checks it against that principal's admin grants, and is audited whether it succeeds or is refused.
 *
 * <p>Thread-safe; all state lives in the repositories. The rules it enforces:
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
 * {@link Actor#system(String)} is the host's bootstrap authority: it holds every capability everywhere and every
 * permission, and is the only actor that may create root organizations.
 *
 * <pre>{@code
 * DelegatedAdministration admin = core.admin();
 * Actor bootstrap = Actor.system("bootstrap");
 * Organization partner = admin.createRootOrganization(bootstrap, new NewOrganization("Northwind Capital"));
 * admin.grantAdmin(bootstrap, new GrantAdmin(Actor.user(partnerAdmin.id().value()), partner.id(),
 *         EnumSet.of(AdminCapability.MANAGE_ORGANIZATIONS, AdminCapability.MANAGE_USERS)));
 * // the partner's own admin now manages its subtree, and nothing else:
 * admin.createOrganization(Actor.user(partnerAdmin.id().value()), partner.id(), new NewOrganization("Equities"));
 * }</pre>
 */
public final class DelegatedAdministration {

    private static final Logger log = LoggerFactory.getLogger(DelegatedAdministration.class);

    private final OrganizationService organizations;
    private final OrganizationRepository organizationRepository;
    private final UserService users;
    private final GroupService groups;
    private final RoleService roles;
    private final ClientService clients;
    private final DomainVerificationService domains;
    private final SettingsService settings;
    private final AdminGrantRepository grants;
    private final AccessRequestRepository accessRequests;
    private final InvitationRepository invitations;
    private final AuditLog auditLog;
    private final KillSwitch killSwitch;
    private final AuditPublisher audit;
    private final IdentityRuntime runtime;
    private final AdminAuthority authority;
    private final Duration accessRequestLifetime;
    private final Duration invitationLifetime;

    private DelegatedAdministration(Builder b) {
        this.organizations = b.organizations;
        this.organizationRepository = b.organizationRepository;
        this.users = b.users;
        this.groups = b.groups;
        this.roles = b.roles;
        this.clients = b.clients;
        this.domains = b.domains;
        this.settings = b.settings;
        this.grants = b.grants;
        this.accessRequests = b.accessRequests;
        this.invitations = b.invitations;
        this.auditLog = b.auditLog;
        this.killSwitch = b.killSwitch;
        this.audit = b.audit;
        this.runtime = b.runtime;
        this.accessRequestLifetime = b.accessRequestLifetime;
        this.invitationLifetime = b.invitationLifetime;
        this.authority = new AdminAuthority(grants, organizationRepository);
    }

    /** Starts a builder; every collaborator is required, lifetimes have defaults (7 days, 72 hours). */
    public static Builder builder() {
        return new Builder();
    }

    // ------------------------------------------------------------------------------------------ requests

    /**
     * Gives {@code principal} {@code capabilities} over the subtree of {@code scope}.
     *
     * @param principal who receives them (a user or a service)
     * @param scope the root of the subtree
     * @param capabilities what they may do there
     */
    public record GrantAdmin(Actor principal, OrgId scope, Set<AdminCapability> capabilities) {
        public GrantAdmin {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(scope, "scope");
            capabilities = Set.copyOf(capabilities);
        }
    }

    /**
     * Invites someone into a pool, with roles assigned at the pool's organization on acceptance.
     *
     * @param poolId the pool
     * @param email where the host sends the invitation
     * @param roles the roles to assign on acceptance
     */
    public record Invite(PoolId poolId, String email, Set<RoleId> roles) {
        public Invite {
            Objects.requireNonNull(poolId, "poolId");
            Objects.requireNonNull(email, "email");
            roles = Set.copyOf(roles);
        }
    }

    /**
     * A user's request for a role.
     *
     * @param orgId the organization where the role would apply
     * @param roleId the role
     * @param justification why
     * @param accessUntil the end of the access asked for, if time-bound
     */
    public record RequestAccess(OrgId orgId, RoleId roleId, String justification, Optional<Instant> accessUntil) {
        public RequestAccess {
            Objects.requireNonNull(orgId, "orgId");
            Objects.requireNonNull(roleId, "roleId");
            Objects.requireNonNull(justification, "justification");
            Objects.requireNonNull(accessUntil, "accessUntil");
        }
    }

    // ------------------------------------------------------------------------------------- organizations

    /** Creates a root organization (a tenant); only the system may. */
    public Organization createRootOrganization(Actor actor, NewOrganization request) {
        Objects.requireNonNull(request, "request");
        if (actor.type() != Actor.Type.SYSTEM) {
            log.debug("{} refused: only the system creates root organizations", actor);
            throw AdminErrors.notPermitted(actor + " cannot create root organizations");
        }
        Organization org = organizations.createRoot(request);
        performed(actor, org, "org.create_root", org.id().value());
        return org;
    }

    /** Creates a sub-organization; needs {@code MANAGE_ORGANIZATIONS} over the parent. */
    public Organization createOrganization(Actor actor, OrgId parent, NewOrganization request) {
        Objects.requireNonNull(request, "request");
        return perform(actor, "org.create", parent, AdminCapability.MANAGE_ORGANIZATIONS, parent.value(),
                p -> organizations.createChild(parent, request));
    }

    /** Renames an organization; needs {@code MANAGE_ORGANIZATIONS} over it. */
    public Organization renameOrganization(Actor actor, OrgId orgId, String name) {
        return perform(actor, "org.rename", orgId, AdminCapability.MANAGE_ORGANIZATIONS, orgId.value(),
                o -> organizations.rename(orgId, name));
    }

    /**
     * Moves an organization's subtree under a new parent; needs {@code MANAGE_ORGANIZATIONS} over both the moved
     * organization and the new parent. Cycles are refused ({@code org.cycle}).
     */
    public Organization moveOrganization(Actor actor, OrgId orgId, OrgId newParent) {
        return perform(actor, "org.move", orgId, AdminCapability.MANAGE_ORGANIZATIONS, orgId.value(), o -> {
            authority.require(actor, AdminCapability.MANAGE_ORGANIZATIONS, newParent);
            return organizations.move(orgId, newParent);
        });
    }

    /** Reads an organization the actor can see. */
    public Organization organization(Actor actor, OrgId orgId) {
        return read(actor, orgId);
    }

    /** Lists the direct children of an organization the actor can see. */
    public Page<Organization> children(Actor actor, OrgId orgId, PageRequest page) {
        read(actor, orgId);
        return organizations.children(orgId, page);
    }

    /** Lists an organization the actor can see and its descendants, ordered by path. */
    public Page<Organization> subtree(Actor actor, OrgId orgId, PageRequest page) {
        read(actor, orgId);
        return organizations.subtree(orgId, page);
    }

    // ------------------------------------------------------------------------------------- admin grants

    /**
     * Grants admin capabilities; needs {@code MANAGE_ADMINS} over the scope and every granted capability there.
     *
     * @throws IdentityException {@code admin.escalation} when the actor lacks one of the capabilities
     */
    public AdminGrant grantAdmin(Actor actor, GrantAdmin request) {
        Objects.requireNonNull(request, "request");
        return perform(actor, "admin.grant", request.scope(), AdminCapability.MANAGE_ADMINS,
                request.principal().toString(), scope -> {
                    Set<AdminCapability> held = authority.capabilitiesAt(actor, scope.path());
                    if (!held.containsAll(request.capabilities())) {
                        EnumSet<AdminCapability> missing = EnumSet.copyOf(request.capabilities());
                        missing.removeAll(held);
                        throw AdminErrors.escalation(actor + " does not hold " + missing + " over " + scope.id());
                    }
                    AdminGrant grant = new AdminGrant(new AdminGrantId(runtime.ids().next()), request.principal(),
                            request.scope(), request.capabilities(), actor, runtime.now());
                    grants.insert(grant);
                    for (AdminCapability capability : grant.capabilities()) {
                        privilege(actor, scope, request.principal().toString(), PrivilegeChangeEvent.Change.GRANTED,
                                "admin:" + capability.name(), Optional.empty());
                    }
                    return grant;
                });
    }

    /** Revokes an admin grant; needs {@code MANAGE_ADMINS} over the grant's scope. */
    public void revokeAdmin(Actor actor, AdminGrantId grantId) {
        AdminGrant grant = grants.findById(grantId)
                .orElseThrow(() -> AdminErrors.notPermitted(actor + " revokes unknown grant " + grantId));
        perform(actor, "admin.revoke", grant.scope(), AdminCapability.MANAGE_ADMINS, grantId.value(), scope -> {
            if (grants.delete(grantId)) {
                for (AdminCapability capability : grant.capabilities()) {
                    privilege(actor, scope, grant.principal().toString(), PrivilegeChangeEvent.Change.REVOKED,
                            "admin:" + capability.name(), Optional.empty());
                }
            }
            return grant;
        });
    }

    /** The admin grants whose scope is {@code scope}; needs {@code MANAGE_ADMINS} over it. */
    public Page<AdminGrant> adminGrants(Actor actor, OrgId scope, PageRequest page) {
        authority.requireVisible(actor, scope);
        if (!authority.capabilitiesAt(actor, organizations.require(scope).path())
                .contains(AdminCapability.MANAGE_ADMINS)) {
            throw AdminErrors.notPermitted(actor + " cannot list grants of " + scope);
        }
        return grants.findByScope(scope, page);
    }

    /**
     * The check of this façade for services outside identity-core that change privileges on an actor's authority
     * (identity-authz's cross-organization grants): the same admin grants, subtree confinement and suspension rules
     * as the façade's own operations; a refusal of a known organization is audited as an {@code admin.operation}
     * with outcome {@code REFUSED} under the operation name the caller gives. See {@link AdminGuard} for the rules.
     */
    public AdminGuard guard() {
        return this::requireForGuard;
    }

    private void requireForGuard(Actor actor, AdminCapability capability, OrgId target, String operation) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(capability, "capability");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Optional<Organization> known = organizationRepository.findById(target);
        if (known.isEmpty() && actor.type() == Actor.Type.SYSTEM) {
            return; // the host's authority over ids of its own (a policy document's), which core does not hold
        }
        try {
            authority.require(actor, capability, target);
        } catch (IdentityException e) {
            known.ifPresent(org -> refused(actor, org, operation, target.value(), e.code()));
            log.debug("{} refused {} on {}: {}", actor, operation, target, e.code());
            throw e;
        }
    }

    /** The capabilities {@code actor} holds over {@code orgId} (empty for unknown organizations). */
    public Set<AdminCapability> capabilitiesAt(Actor actor, OrgId orgId) {
        return organizations.find(orgId).map(o -> authority.capabilitiesAt(actor, o.path()))
                .orElse(EnumSet.noneOf(AdminCapability.class));
    }

    // ---------------------------------------------------------------------------------------- kill switch

    /** Suspends an organization and its subtree; needs {@code SUSPEND} over it. */
    public SuspensionReport suspend(Actor actor, OrgId orgId, String reason) {
        return perform(actor, "org.suspend", orgId, AdminCapability.SUSPEND, orgId.value(),
                o -> killSwitch.suspend(actor, orgId, reason));
    }

    /**
     * Resumes what the suspension of {@code orgId} cut; needs {@code SUSPEND} from a grant whose own scope is
     * active (an admin inside the suspended subtree cannot lift it).
     */
    public List<OrgId> resume(Actor actor, OrgId orgId, String reason) {
        Organization org = organizationRepository.findById(orgId)
                .orElseThrow(() -> refusedUnknown(actor, "org.resume", orgId));
        if (!activeGrantCovers(actor, org.path(), AdminCapability.SUSPEND)) {
            refused(actor, org, "org.resume", orgId.value(), AdminErrors.NOT_PERMITTED);
            throw AdminErrors.notPermitted(actor + " cannot resume " + orgId);
        }
        try {
            List<OrgId> resumed = killSwitch.resume(actor, orgId, reason);
            performed(actor, org, "org.resume", orgId.value());
            return resumed;
        } catch (IdentityException e) {
            refused(actor, org, "org.resume", orgId.value(), e.code());
            throw e;
        }
    }

    private boolean activeGrantCovers(Actor actor, OrgPath target, AdminCapability capability) {
        if (actor.type() == Actor.Type.SYSTEM) {
            return true;
        }
        for (AdminGrant grant : authority.grantsOf(actor)) {
            Optional<Organization> scope = organizationRepository.findById(grant.scope());
            if (scope.isPresent() && scope.get().isActive() && grant.capabilities().contains(capability)
                    && scope.get().path().isAncestorOrSelfOf(target)) {
                return true;
            }
        }
        return false;
    }

    // -------------------------------------------------------------------------------------- pools, users

    /** Creates an identity pool; needs {@code MANAGE_USERS} over the organization. */
    public IdentityPool createPool(Actor actor, OrgId orgId, String name) {
        return perform(actor, "pool.create", orgId, AdminCapability.MANAGE_USERS, orgId.value(),
                o -> users.createPool(orgId, name));
    }

    /** Creates a user in a pool; needs {@code MANAGE_USERS} over the pool's organization. */
    public User createUser(Actor actor, NewUser request) {
        Objects.requireNonNull(request, "request");
        OrgId orgId = poolOrg(actor, "user.create", request.poolId());
        return perform(actor, "user.create", orgId, AdminCapability.MANAGE_USERS, request.poolId().value(),
                o -> users.createUser(request));
    }

    /** Changes a user's status (lock, disable, activate); needs {@code MANAGE_USERS} over its organization. */
    public User changeUserStatus(Actor actor, UserId userId, UserStatus status) {
        OrgId orgId = userOrg(actor, "user.status", userId);
        return perform(actor, "user.status." + status.name().toLowerCase(java.util.Locale.ROOT), orgId,
                AdminCapability.MANAGE_USERS, userId.value(), o -> users.changeStatus(userId, status));
    }

    /** Reads a user the actor can see (any capability over the user's organization). */
    public User user(Actor actor, UserId userId) {
        OrgId orgId = userOrg(actor, "user.read", userId);
        read(actor, orgId);
        return users.requireUser(userId);
    }

    /** Lists the users of a pool the actor can see. */
    public Page<User> users(Actor actor, PoolId poolId, PageRequest page) {
        OrgId orgId = poolOrg(actor, "user.list", poolId);
        read(actor, orgId);
        return users.usersInPool(poolId, page);
    }

    /**
     * Links a federated identity, keyed by (issuer, subject) within the user's tenant, to a user; needs
     * {@code MANAGE_USERS} over the user's organization, and the issuer must be registered to that organization or
     * an ancestor ({@code user.federated_issuer_not_registered} otherwise, see
     * {@link io.partnerid.core.user.UserService#link}). Another tenant's link of the same pair is neither visible nor
     * in the way.
     */
    public void linkFederatedIdentity(Actor actor, UserId userId, String issuer, String subject) {
        OrgId orgId = userOrg(actor, "user.link", userId);
        perform(actor, "user.link", orgId, AdminCapability.MANAGE_USERS, userId.value(),
                o -> users.link(userId, issuer, subject));
    }

    /**
     * Makes a user an explicit member of another organization; needs {@code MANAGE_USERS} over both the user's
     * home organization and the target, so that no admin can pull another partner's users into its subtree.
     */
    public void addMembership(Actor actor, UserId userId, OrgId orgId) {
        OrgId home = userOrg(actor, "membership.add", userId);
        perform(actor, "membership.add", orgId, AdminCapability.MANAGE_USERS, userId.value(), o -> {
            authority.require(actor, AdminCapability.MANAGE_USERS, home);
            return users.addMembership(userId, orgId);
        });
    }

    // -------------------------------------------------------------------------------------------- groups

    /** Creates a group; needs {@code MANAGE_GROUPS} over the organization. */
    public Group createGroup(Actor actor, OrgId orgId, String name, Optional<GroupId> parent) {
        return perform(actor, "group.create", orgId, AdminCapability.MANAGE_GROUPS, orgId.value(),
                o -> groups.createGroup(orgId, name, parent));
    }

    /**
     * Adds a user to a group; needs {@code MANAGE_GROUPS} over the group's organization and, because membership
     * confers the roles assigned to the group and its ancestor groups, every permission of those roles.
     */
    public void addGroupMember(Actor actor, GroupId groupId, UserId userId) {
        Group group = groups.findGroup(groupId).orElseThrow(() -> refusedUnknown(actor, "group.add_member", null));
        perform(actor, "group.add_member", group.orgId(), AdminCapability.MANAGE_GROUPS, groupId.value(), o -> {
            for (RoleAssignment assignment : assignmentsConferredBy(group)) {
                requireHolds(actor, roles.requireRole(assignment.roleId()), assignment.orgId());
            }
            groups.addMember(groupId, userId);
            return group;
        });
    }

    // --------------------------------------------------------------------------------------------- roles

    /** Defines a role; needs {@code MANAGE_ROLES} over the organization and every permission of the role there. */
    public Role defineRole(Actor actor, OrgId orgId, RoleService.NewRole request) {
        Objects.requireNonNull(request, "request");
        return perform(actor, "role.define", orgId, AdminCapability.MANAGE_ROLES, request.name(), o -> {
            requireHoldsPermissions(actor, request.permissions(), orgId);
            return roles.defineRole(orgId, request);
        });
    }

    /**
     * Assigns a role (optionally time-bound); needs {@code ASSIGN_ROLES} over the organization where it applies
     * and every permission of the role there.
     */
    public RoleAssignment assignRole(Actor actor, RoleService.NewAssignment request) {
        Objects.requireNonNull(request, "request");
        return perform(actor, "role.assign", request.orgId(), AdminCapability.ASSIGN_ROLES,
                request.roleId().value(), o -> {
                    Role role = roles.findRole(request.roleId()).orElseThrow(() -> AdminErrors.notPermitted(
                            actor + " assigns unknown role " + request.roleId()));
                    requireHolds(actor, role, request.orgId());
                    if (request.assignee() instanceof GroupAssignee g) {
                        Group group = groups.findGroup(g.groupId()).orElseThrow(() -> AdminErrors.notPermitted(
                                actor + " assigns to unknown group " + g.groupId()));
                        authority.require(actor, AdminCapability.MANAGE_GROUPS, group.orgId());
                    }
                    RoleAssignment assignment = roles.assign(request, actor);
                    privilege(actor, o, request.assignee().toString(), PrivilegeChangeEvent.Change.GRANTED,
                            "role:" + role.id().value(), request.validUntil());
                    return assignment;
                });
    }

    /** The role assignments a member of {@code group} receives: those of the group and of its ancestor groups. */
    private List<RoleAssignment> assignmentsConferredBy(Group group) {
        List<RoleAssignment> conferred = new ArrayList<>();
        List<Group> line = new ArrayList<>(groups.ancestors(group.id()));
        line.add(group);
        for (Group g : line) {
            conferred.addAll(Page.all(p -> roles.assignments(new GroupAssignee(g.id()), p), PageRequest.MAX_LIMIT));
        }
        return conferred;
    }

    /** Revokes a role assignment; needs {@code ASSIGN_ROLES} over the organization where it applies. */
    public void revokeRole(Actor actor, RoleAssignmentId assignmentId) {
        RoleAssignment assignment = roles.findAssignment(assignmentId)
                .orElseThrow(() -> refusedUnknown(actor, "role.revoke", null));
        perform(actor, "role.revoke", assignment.orgId(), AdminCapability.ASSIGN_ROLES, assignmentId.value(), o -> {
            roles.revoke(assignmentId);
            privilege(actor, o, assignment.assignee().toString(), PrivilegeChangeEvent.Change.REVOKED,
                    "role:" + assignment.roleId().value(), Optional.empty());
            return assignment;
        });
    }

    /** The permissions a user holds at an organization now; needs visibility of that organization. */
    public Set<String> effectivePermissions(Actor actor, UserId userId, OrgId orgId) {
        read(actor, orgId);
        return roles.effectivePermissions(userId, orgId, runtime.now());
    }

    private void requireHolds(Actor actor, Role role, OrgId orgId) {
        requireHoldsPermissions(actor, role.permissions(), orgId);
    }

    private void requireHoldsPermissions(Actor actor, Set<String> permissions, OrgId orgId) {
        if (actor.type() == Actor.Type.SYSTEM || permissions.isEmpty()) {
            return;
        }
        Set<String> held = actor.type() == Actor.Type.USER
                ? roles.effectivePermissions(UserId.of(actor.id()), orgId, runtime.now())
                : Set.of();
        if (!held.containsAll(permissions)) {
            throw AdminErrors.escalation(actor + " does not hold every permission it would grant at " + orgId);
        }
    }

    // ------------------------------------------------------------------------------------------- clients

    /** Registers an application; needs {@code MANAGE_CLIENTS}. The secret is in the result, once. */
    public ClientRegistration registerClient(Actor actor, OrgId orgId,
                                                           ClientService.NewClient request) {
        return perform(actor, "client.register", orgId, AdminCapability.MANAGE_CLIENTS, request.name(),
                o -> clients.register(orgId, request));
    }

    /** Rotates an application's secret; needs {@code MANAGE_CLIENTS} over its organization. */
    public ClientRegistration rotateClientSecret(Actor actor, ClientId clientId) {
        ClientApplication client = clients.findClient(clientId)
                .orElseThrow(() -> refusedUnknown(actor, "client.rotate_secret", null));
        return perform(actor, "client.rotate_secret", client.orgId(), AdminCapability.MANAGE_CLIENTS,
                clientId.value(), o -> clients.rotateSecret(clientId));
    }

    // ---------------------------------------------------------------------------------- domains, settings

    /** Claims an email domain and returns the DNS challenge to publish; needs {@code MANAGE_DOMAINS}. */
    public DomainChallenge claimDomain(Actor actor, OrgId orgId, DomainName domain) {
        return perform(actor, "domain.claim", orgId, AdminCapability.MANAGE_DOMAINS, domain.value(),
                o -> domains.claim(orgId, domain));
    }

    /**
     * Checks the DNS challenge of a claimed domain; needs {@code MANAGE_DOMAINS}. The outcome is audited: the
     * {@code domain.verify} record's {@code result} says what the check came to ({@code verified},
     * {@code pending.not_found_in_dns}, {@code pending.expired}, {@code refused.no_claim},
     * {@code refused.verified_by_another_org}); a domain verified by another organization is refused without naming
     * it.
     */
    public DomainVerification verifyDomain(Actor actor, OrgId orgId, DomainName domain) {
        return perform(actor, "domain.verify", orgId, AdminCapability.MANAGE_DOMAINS, domain.value(),
                o -> domains.verify(orgId, domain), DelegatedAdministration::verificationResult);
    }

    private static Optional<String> verificationResult(DomainVerification v) {
        String result;
        if (v instanceof DomainVerification.Verified) {
            result = "verified";
        } else if (v instanceof DomainVerification.Pending p) {
            result = "pending." + p.reason().name().toLowerCase(java.util.Locale.ROOT);
        } else if (v instanceof DomainVerification.Refused r) {
            result = "refused." + r.reason().name().toLowerCase(java.util.Locale.ROOT);
        } else {
            throw new IllegalStateException("unknown verification outcome " + v.getClass());
        }
        return Optional.of(result);
    }

    /**
     * Releases an organization's claim on a domain, pending or verified; needs {@code MANAGE_DOMAINS}. A released
     * verified domain stops routing logins and provisioning to the organization at once and may then be verified by
     * another organization. Audited as the {@code domain.release} operation (performed, also when there was no claim
     * to release, or refused).
     *
     * @return true when there was a claim to release
     */
    public boolean releaseDomain(Actor actor, OrgId orgId, DomainName domain) {
        return perform(actor, "domain.release", orgId, AdminCapability.MANAGE_DOMAINS, domain.value(),
                o -> domains.release(orgId, domain));
    }

    /** Sets a setting at an organization; needs {@code MANAGE_SETTINGS}; refused under an ancestor's lock. */
    public <T> EffectiveSetting<T> setSetting(Actor actor, OrgId orgId, SettingKey<T> key, T value) {
        return perform(actor, "setting.set", orgId, AdminCapability.MANAGE_SETTINGS, key.name(),
                o -> settings.set(orgId, key, value));
    }

    /**
     * Locks a setting at an organization so that no descendant can override it; needs {@code MANAGE_SETTINGS}.
     */
    public <T> EffectiveSetting<T> lockSetting(Actor actor, OrgId orgId, SettingKey<T> key) {
        return perform(actor, "setting.lock", orgId, AdminCapability.MANAGE_SETTINGS, key.name(),
                o -> settings.lock(orgId, key));
    }

    /** Explains where a setting's effective value at an organization comes from; needs visibility. */
    public <T> SettingExplanation<T> explainSetting(Actor actor, OrgId orgId, SettingKey<T> key) {
        read(actor, orgId);
        return settings.explain(orgId, key);
    }

    // ---------------------------------------------------------------------------------------------- audit

    /**
     * Reads the audit trail of an organization's subtree; needs {@code VIEW_AUDIT} over it. The records come from
     * the tenant's chain in sequence order, keeping those that concern {@code orgId} or an organization below it
     * (events about the tenant as a whole are shown to admins of the root only). The cursor is the chain's.
     *
     * <p>Cost: the chain is scanned from the cursor until the page is full, so a small subtree of a busy tenant
     * reads more records than it returns; at most 20 chain pages are read per call, after which a shorter page with
     * a cursor is returned.
     */
    public Page<AuditRecord> auditTrail(Actor actor, OrgId orgId, PageRequest page) {
        Organization scope = authority.requireVisible(actor, orgId);
        if (!authority.capabilitiesAt(actor, scope.path()).contains(AdminCapability.VIEW_AUDIT)) {
            throw AdminErrors.notPermitted(actor + " cannot read the audit trail of " + orgId);
        }
        List<AuditRecord> kept = new ArrayList<>();
        Optional<String> cursor = page.after();
        for (int reads = 0; reads < 20 && kept.size() < page.limit(); reads++) {
            Page<AuditRecord> chunk = auditLog.read(scope.tenant(),
                    new PageRequest(cursor, PageRequest.MAX_LIMIT));
            for (AuditRecord record : chunk.items()) {
                cursor = Optional.of(Long.toString(record.sequence()));
                if (concerns(record, scope)) {
                    kept.add(record);
                    if (kept.size() == page.limit()) {
                        return new Page<>(kept, cursor);
                    }
                }
            }
            if (chunk.next().isEmpty()) {
                return new Page<>(kept, Optional.empty());
            }
        }
        return new Page<>(kept, cursor);
    }

    private boolean concerns(AuditRecord record, Organization scope) {
        Optional<OrgId> org = record.entry().org();
        if (org.isEmpty()) {
            return scope.parentId().isEmpty();
        }
        return organizationRepository.findById(org.get())
                .map(o -> scope.path().isAncestorOrSelfOf(o.path())).orElse(false);
    }

    // ----------------------------------------------------------------------------------- access requests

    /**
     * A user asks for a role at an organization it belongs to (its home, a membership, or their subtrees). The
     * request is PENDING until an admin decides or it expires.
     */
    public AccessRequest requestAccess(Actor requester, RequestAccess request) {
        Objects.requireNonNull(request, "request");
        if (requester.type() != Actor.Type.USER) {
            throw AdminErrors.notPermitted(requester + " is not a user");
        }
        UserId userId = UserId.of(requester.id());
        Organization org = organizationRepository.findById(request.orgId())
                .orElseThrow(() -> refusedUnknown(requester, "access.request", request.orgId()));
        if (!users.isAffiliated(userId, request.orgId()) || !org.isActive()) {
            refused(requester, org, "access.request", request.roleId().value(), AdminErrors.NOT_PERMITTED);
            throw AdminErrors.notPermitted(requester + " cannot request access at " + request.orgId());
        }
        if (roles.assignableRoles(request.orgId()).stream().noneMatch(r -> r.id().equals(request.roleId()))) {
            refused(requester, org, "access.request", request.roleId().value(), AdminErrors.NOT_PERMITTED);
            throw AdminErrors.notPermitted("role " + request.roleId() + " is not assignable at " + request.orgId());
        }
        Instant now = runtime.now();
        AccessRequest created = new AccessRequest(new AccessRequestId(runtime.ids().next()), userId,
                request.orgId(), request.roleId(), request.justification(), request.accessUntil(),
                AccessRequest.Status.PENDING, now, now.plus(accessRequestLifetime), Optional.empty(),
                Optional.empty(), 0);
        accessRequests.insert(created);
        performed(requester, org, "access.request", created.id().value());
        return created;
    }

    /**
     * Approves a pending request: needs {@code APPROVE_REQUESTS} over the organization and every permission of the
     * role there; assigns the role (until {@code accessUntil} when set). An expired request is marked EXPIRED and
     * refused.
     */
    public AccessRequest approveAccessRequest(Actor actor, AccessRequestId id) {
        return decide(actor, id, true);
    }

    /** Denies a pending request; needs {@code APPROVE_REQUESTS} over the organization. */
    public AccessRequest denyAccessRequest(Actor actor, AccessRequestId id) {
        return decide(actor, id, false);
    }

    private AccessRequest decide(Actor actor, AccessRequestId id, boolean approve) {
        AccessRequest request = accessRequests.findById(id)
                .orElseThrow(() -> refusedUnknown(actor, "access.decide", null));
        String operation = approve ? "access.approve" : "access.deny";
        return perform(actor, operation, request.orgId(), AdminCapability.APPROVE_REQUESTS, id.value(), org -> {
            if (request.status() != AccessRequest.Status.PENDING) {
                throw AdminErrors.invalid("The request has already been decided.", "request " + id + " is "
                        + request.status());
            }
            Instant now = runtime.now();
            if (!request.expiresAt().isAfter(now)) {
                expire(request, now);
                throw AdminErrors.invalid("The request has expired.", "request " + id + " expired");
            }
            AccessRequest decided;
            if (approve) {
                Role role = roles.requireRole(request.roleId());
                requireHolds(actor, role, request.orgId());
                decided = accessRequests.update(request.decided(AccessRequest.Status.APPROVED, actor, now));
                roles.assign(new RoleService.NewAssignment(request.roleId(),
                        new UserAssignee(request.requester()), request.orgId(), Optional.empty(),
                        request.accessUntil()), actor);
                privilege(actor, org, "user:" + request.requester().value(), PrivilegeChangeEvent.Change.GRANTED,
                        "role:" + request.roleId().value(), request.accessUntil());
            } else {
                decided = accessRequests.update(request.decided(AccessRequest.Status.DENIED, actor, now));
            }
            emit(new AccessRequestDecisionEvent(now, org.tenant(), Optional.of(org.id()), actor, id.value(),
                    "user:" + request.requester().value(), request.roleId().value(),
                    approve ? AccessRequestDecisionEvent.Decision.APPROVED
                            : AccessRequestDecisionEvent.Decision.DENIED));
            return decided;
        });
    }

    /** The pending requests of an organization; needs {@code APPROVE_REQUESTS} over it. */
    public Page<AccessRequest> pendingAccessRequests(Actor actor, OrgId orgId, PageRequest page) {
        Organization org = authority.requireVisible(actor, orgId);
        if (!authority.capabilitiesAt(actor, org.path()).contains(AdminCapability.APPROVE_REQUESTS)) {
            throw AdminErrors.notPermitted(actor + " cannot list requests of " + orgId);
        }
        return accessRequests.findPendingByOrg(orgId, page);
    }

    /**
     * Marks up to {@code limit} pending requests whose time has passed as EXPIRED (a scheduled host job calls this).
     *
     * @return how many expired
     */
    public int expireAccessRequests(int limit) {
        Instant now = runtime.now();
        int expired = 0;
        for (AccessRequest request : accessRequests.findPendingExpiredAt(now, limit)) {
            try {
                expire(request, now);
                expired++;
            } catch (IdentityException e) {
                log.debug("request {} changed concurrently while expiring", request.id());
            }
        }
        return expired;
    }

    private void expire(AccessRequest request, Instant now) {
        Actor system = Actor.system("expiry");
        accessRequests.update(request.decided(AccessRequest.Status.EXPIRED, system, now));
        organizationRepository.findById(request.orgId()).ifPresent(org -> emit(new AccessRequestDecisionEvent(now,
                org.tenant(), Optional.of(org.id()), system, request.id().value(),
                "user:" + request.requester().value(), request.roleId().value(),
                AccessRequestDecisionEvent.Decision.EXPIRED)));
    }

    // --------------------------------------------------------------------------------------- invitations

    /**
     * Invites someone into a pool; needs {@code MANAGE_USERS} over the pool's organization and, for each role,
     * {@code ASSIGN_ROLES} and every permission of the role there. The token is returned once.
     */
    public InvitationTicket invite(Actor actor, Invite request) {
        Objects.requireNonNull(request, "request");
        OrgId orgId = poolOrg(actor, "invitation.create", request.poolId());
        return perform(actor, "invitation.create", orgId, AdminCapability.MANAGE_USERS, request.poolId().value(),
                org -> {
                    for (RoleId roleId : request.roles()) {
                        authority.require(actor, AdminCapability.ASSIGN_ROLES, orgId);
                        Role role = roles.assignableRoles(orgId).stream().filter(r -> r.id().equals(roleId))
                                .findFirst().orElseThrow(() -> AdminErrors.notPermitted(
                                        "role " + roleId + " is not assignable at " + orgId));
                        requireHolds(actor, role, orgId);
                    }
                    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(runtime.randomBytes(32));
                    Instant now = runtime.now();
                    Invitation invitation = new Invitation(new InvitationId(runtime.ids().next()), orgId,
                            request.poolId(), request.email(), request.roles(), sha256(token),
                            Invitation.Status.PENDING, actor, now, now.plus(invitationLifetime), Optional.empty(), 0);
                    invitations.insert(invitation);
                    return new InvitationTicket(invitation, token);
                });
    }

    /** Revokes a pending invitation; needs {@code MANAGE_USERS} over its organization. */
    public void revokeInvitation(Actor actor, InvitationId id) {
        Invitation invitation = invitations.findById(id)
                .orElseThrow(() -> refusedUnknown(actor, "invitation.revoke", null));
        perform(actor, "invitation.revoke", invitation.orgId(), AdminCapability.MANAGE_USERS, id.value(), o -> {
            if (invitation.status() != Invitation.Status.PENDING) {
                throw AdminErrors.invalid("The invitation is not pending.", "invitation " + id + " is "
                        + invitation.status());
            }
            return invitations.update(invitation.revoked());
        });
    }

    /**
     * Redeems an invitation token: creates the user (ACTIVE) in the invitation's pool and assigns its roles, on the
     * authority of the admin who invited. Single use; an unknown, used, revoked or expired token, or a suspended
     * organization, gives the same {@link InvitationRedemption.Rejected}.
     */
    public InvitationRedemption redeemInvitation(String token, String username, String displayName) {
        Objects.requireNonNull(token, "token");
        Optional<Invitation> found = token.length() > 256 ? Optional.empty()
                : invitations.findByTokenHash(sha256(token));
        if (found.isEmpty()) {
            log.debug("invitation redemption refused: unknown token");
            return new InvitationRedemption.Rejected();
        }
        Invitation invitation = found.get();
        Organization org = organizationRepository.findById(invitation.orgId()).orElse(null);
        Actor invitee = Actor.system("invitation");
        String reason = invitation.status() != Invitation.Status.PENDING ? "invitation." + invitation.status()
                .name().toLowerCase(java.util.Locale.ROOT)
                : !invitation.expiresAt().isAfter(runtime.now()) ? "invitation.expired"
                : org == null || !org.isActive() ? "org.suspended"
                : !inviterStillEntitled(invitation, org) ? "invitation.inviter_not_entitled" : null;
        if (reason != null) {
            if (org != null) {
                emit(new AdminOperationEvent(runtime.now(), org.tenant(), Optional.of(org.id()), invitee,
                        "invitation.redeem", invitation.id().value(), AdminOperationEvent.Outcome.REFUSED,
                        Optional.of(reason)));
            }
            return new InvitationRedemption.Rejected();
        }
        // Single use: moving the invitation out of PENDING is the optimistic-concurrency claim; of two concurrent
        // redemptions only one can make it.
        Invitation claimed;
        try {
            claimed = invitations.update(invitation.claimed());
        } catch (IdentityException e) {
            return new InvitationRedemption.Rejected();
        }
        User user;
        try {
            user = users.createUser(new NewUser(invitation.poolId(), username, Optional.of(invitation.email()),
                    displayName, UserStatus.ACTIVE));
        } catch (RuntimeException e) {
            invitations.update(claimed.reopened()); // the username was refused: the invitee may try another
            throw e;
        }
        invitations.update(claimed.accepted(user.id()));
        for (RoleId roleId : invitation.roles()) {
            roles.assign(new RoleService.NewAssignment(roleId, new UserAssignee(user.id()),
                    invitation.orgId(), Optional.empty(), Optional.empty()), invitation.invitedBy());
            privilege(invitation.invitedBy(), org, "user:" + user.id().value(), PrivilegeChangeEvent.Change.GRANTED,
                    "role:" + roleId.value(), Optional.empty());
        }
        emit(new AdminOperationEvent(runtime.now(), org.tenant(), Optional.of(org.id()), invitee,
                "invitation.redeem", invitation.id().value(), AdminOperationEvent.Outcome.PERFORMED,
                Optional.empty()));
        return new InvitationRedemption.Accepted(user);
    }

    /**
     * Redemption acts on the inviter's authority, so the inviter must still hold, at redemption time, what it needed
     * at invitation time: a revoked grant or role also voids the invitations it issued.
     */
    private boolean inviterStillEntitled(Invitation invitation, Organization org) {
        Set<AdminCapability> caps = authority.capabilitiesAt(invitation.invitedBy(), org.path());
        if (!caps.contains(AdminCapability.MANAGE_USERS)
                || (!invitation.roles().isEmpty() && !caps.contains(AdminCapability.ASSIGN_ROLES))) {
            return false;
        }
        try {
            for (RoleId roleId : invitation.roles()) {
                requireHolds(invitation.invitedBy(), roles.requireRole(roleId), org.id());
            }
            return true;
        } catch (IdentityException e) {
            return false;
        }
    }

    // ----------------------------------------------------------------------------------------- internals

    @FunctionalInterface
    private interface Operation<T> {
        T run(Organization target);
    }

    /**
     * Checks the capability over {@code orgId}, runs the operation and audits the outcome either way.
     */
    private <T> T perform(Actor actor, String operation, OrgId orgId, AdminCapability capability, String target,
                          Operation<T> body) {
        return perform(actor, operation, orgId, capability, target, body, r -> Optional.empty());
    }

    private <T> T perform(Actor actor, String operation, OrgId orgId, AdminCapability capability, String target,
                          Operation<T> body, java.util.function.Function<T, Optional<String>> resultOf) {
        Objects.requireNonNull(actor, "actor");
        Optional<Organization> known = organizationRepository.findById(orgId);
        try {
            Organization org = authority.require(actor, capability, orgId);
            T result = body.run(org);
            performed(actor, org, operation, target, resultOf.apply(result));
            return result;
        } catch (IdentityException e) {
            known.ifPresent(org -> refused(actor, org, operation, target, e.code()));
            log.debug("{} refused {} on {}: {}", actor, operation, orgId, e.code());
            throw e;
        }
    }

    private Organization read(Actor actor, OrgId orgId) {
        return authority.requireVisible(actor, orgId);
    }

    private OrgId poolOrg(Actor actor, String operation, PoolId poolId) {
        return users.findPool(poolId).map(IdentityPool::orgId)
                .orElseThrow(() -> refusedUnknown(actor, operation, null));
    }

    private OrgId userOrg(Actor actor, String operation, UserId userId) {
        return users.findUser(userId).map(User::orgId).orElseThrow(() -> refusedUnknown(actor, operation, null));
    }

    private IdentityException refusedUnknown(Actor actor, String operation, OrgId orgId) {
        log.debug("{} refused {}: unknown target {}", actor, operation, orgId);
        return AdminErrors.notPermitted(actor + " " + operation + " on an unknown target");
    }

    private void performed(Actor actor, Organization org, String operation, String target) {
        performed(actor, org, operation, target, Optional.empty());
    }

    private void performed(Actor actor, Organization org, String operation, String target, Optional<String> result) {
        emit(new AdminOperationEvent(runtime.now(), org.tenant(), Optional.of(org.id()), actor, operation, target,
                AdminOperationEvent.Outcome.PERFORMED, Optional.empty(), result));
    }

    private void refused(Actor actor, Organization org, String operation, String target,
                         io.partnerid.core.ErrorCode code) {
        emit(new AdminOperationEvent(runtime.now(), org.tenant(), Optional.of(org.id()), actor, operation, target,
                AdminOperationEvent.Outcome.REFUSED, Optional.of(code.value())));
    }

    private void privilege(Actor actor, Organization org, String subject, PrivilegeChangeEvent.Change change,
                           String privilege, Optional<Instant> validUntil) {
        emit(new PrivilegeChangeEvent(runtime.now(), org.tenant(), Optional.of(org.id()), actor, subject, change,
                privilege, validUntil));
    }

    private void emit(AuditEvent event) {
        audit.publish(event);
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * Builds a {@link DelegatedAdministration}; each setting is required unless it says otherwise.
     *
     * <p>Not thread-safe; build once at start-up.
     */
    public static final class Builder {
        private OrganizationService organizations;
        private OrganizationRepository organizationRepository;
        private UserService users;
        private GroupService groups;
        private RoleService roles;
        private ClientService clients;
        private DomainVerificationService domains;
        private SettingsService settings;
        private AdminGrantRepository grants;
        private AccessRequestRepository accessRequests;
        private InvitationRepository invitations;
        private AuditLog auditLog;
        private KillSwitch killSwitch;
        private AuditPublisher audit;
        private IdentityRuntime runtime;
        private Duration accessRequestLifetime = Duration.ofDays(7);
        private Duration invitationLifetime = Duration.ofHours(72);

        private Builder() {
        }

        public Builder organizations(OrganizationService service, OrganizationRepository repository) {
            this.organizations = Objects.requireNonNull(service, "service");
            this.organizationRepository = Objects.requireNonNull(repository, "repository");
            return this;
        }

        public Builder users(UserService service) {
            this.users = Objects.requireNonNull(service, "service");
            return this;
        }

        public Builder groups(GroupService service) {
            this.groups = Objects.requireNonNull(service, "service");
            return this;
        }

        public Builder roles(RoleService service) {
            this.roles = Objects.requireNonNull(service, "service");
            return this;
        }

        public Builder clients(ClientService service) {
            this.clients = Objects.requireNonNull(service, "service");
            return this;
        }

        public Builder domains(DomainVerificationService service) {
            this.domains = Objects.requireNonNull(service, "service");
            return this;
        }

        public Builder settings(SettingsService service) {
            this.settings = Objects.requireNonNull(service, "service");
            return this;
        }

        public Builder adminGrants(AdminGrantRepository repository) {
            this.grants = Objects.requireNonNull(repository, "repository");
            return this;
        }

        public Builder accessRequests(AccessRequestRepository repository) {
            this.accessRequests = Objects.requireNonNull(repository, "repository");
            return this;
        }

        public Builder invitations(InvitationRepository repository) {
            this.invitations = Objects.requireNonNull(repository, "repository");
            return this;
        }

        public Builder auditLog(AuditLog log) {
            this.auditLog = Objects.requireNonNull(log, "log");
            return this;
        }

        public Builder killSwitch(KillSwitch killSwitch) {
            this.killSwitch = Objects.requireNonNull(killSwitch, "killSwitch");
            return this;
        }

        public Builder auditPublisher(AuditPublisher publisher) {
            this.audit = Objects.requireNonNull(publisher, "publisher");
            return this;
        }

        public Builder runtime(IdentityRuntime runtime) {
            this.runtime = Objects.requireNonNull(runtime, "runtime");
            return this;
        }

        /** How long an access request stays pending before it expires; default 7 days. */
        public Builder accessRequestLifetime(Duration lifetime) {
            this.accessRequestLifetime = positive(lifetime);
            return this;
        }

        /** How long an invitation can be redeemed; default 72 hours. */
        public Builder invitationLifetime(Duration lifetime) {
            this.invitationLifetime = positive(lifetime);
            return this;
        }

        private static Duration positive(Duration d) {
            Objects.requireNonNull(d, "lifetime");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("lifetime must be positive");
            }
            return d;
        }

        /**
         * Builds the façade.
         *
         * @throws IllegalStateException when a collaborator is missing
         */
        public DelegatedAdministration build() {
            List<String> missing = new ArrayList<>();
            check(missing, organizations, "organizations");
            check(missing, users, "users");
            check(missing, groups, "groups");
            check(missing, roles, "roles");
            check(missing, clients, "clients");
            check(missing, domains, "domains");
            check(missing, settings, "settings");
            check(missing, grants, "adminGrants");
            check(missing, accessRequests, "accessRequests");
            check(missing, invitations, "invitations");
            check(missing, auditLog, "auditLog");
            check(missing, killSwitch, "killSwitch");
            check(missing, audit, "auditPublisher");
            check(missing, runtime, "runtime");
            if (!missing.isEmpty()) {
                throw new IllegalStateException("DelegatedAdministration needs " + missing);
            }
            return new DelegatedAdministration(this);
        }

        private static void check(List<String> missing, Object value, String name) {
            if (value == null) {
                missing.add(name);
            }
        }
    }

}
