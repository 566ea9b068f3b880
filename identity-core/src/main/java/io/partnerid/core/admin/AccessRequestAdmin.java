package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.AccessRequestDecisionEvent;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserService;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Access requests: a user asks for a role at an organization it belongs to, an admin holding
 * {@link AdminCapability#APPROVE_REQUESTS} (and every permission of the role there) approves or denies it, and
 * undecided requests expire. Submissions and refusals are audited as {@code admin.operation}s, decisions as
 * {@code access_request.decision}s, approvals also as privilege changes.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from
 * {@link DelegatedAdministration#accessRequests()}.
 *
 * <pre>{@code
 * AccessRequestAdmin requests = core.admin().accessRequests();
 * AccessRequest asked = requests.submit(Actor.user(carol.id().value()),
 *         NewAccessRequest.builder(desk.id(), trader.id(), "covering for Bob").accessUntil(inTwoWeeks).build());
 * requests.approve(deskAdmin, asked.id());
 * }</pre>
 */
public final class AccessRequestAdmin {

    private static final Logger log = LoggerFactory.getLogger(AccessRequestAdmin.class);

    /** How long a request stays pending before it expires. */
    static final Duration LIFETIME = Duration.ofDays(7);

    private final Guard guard;
    private final AccessRequestRepository accessRequests;
    private final OrganizationRepository organizations;
    private final UserService users;
    private final RoleService roles;

    AccessRequestAdmin(Guard guard, AccessRequestRepository accessRequests, OrganizationRepository organizations,
                       UserService users, RoleService roles) {
        this.guard = guard;
        this.accessRequests = accessRequests;
        this.organizations = organizations;
        this.users = users;
        this.roles = roles;
    }

    /**
     * A user asks for a role at an organization it belongs to (its home, a membership, or their subtrees). The
     * request is PENDING until an admin decides or it expires.
     *
     * @throws IdentityException {@code admin.not_permitted} when the requester is not a user, not affiliated with
     *     the organization, the organization is suspended or unknown, or the role is not assignable there
     */
    public AccessRequest submit(Actor requester, NewAccessRequest request) {
        Objects.requireNonNull(request, "request");
        if (requester.type() != Actor.Type.USER) {
            throw AdminErrors.notPermitted(requester + " is not a user");
        }
        UserId userId = UserId.of(requester.id());
        Organization org = organizations.findById(request.orgId())
                .orElseThrow(() -> guard.refusedUnknown(requester, "access.request", request.orgId()));
        if (!users.isAffiliated(userId, request.orgId()) || !org.isActive()) {
            guard.refused(requester, org, "access.request", request.roleId().value(), AdminErrors.NOT_PERMITTED);
            throw AdminErrors.notPermitted(requester + " cannot request access at " + request.orgId());
        }
        if (roles.assignableRoles(request.orgId()).stream().noneMatch(r -> r.id().equals(request.roleId()))) {
            guard.refused(requester, org, "access.request", request.roleId().value(), AdminErrors.NOT_PERMITTED);
            throw AdminErrors.notPermitted("role " + request.roleId() + " is not assignable at " + request.orgId());
        }
        Instant now = guard.now();
        AccessRequest created = new AccessRequest(new AccessRequestId(guard.runtime().ids().next()), userId,
                request.orgId(), request.roleId(), request.justification(), request.accessUntil(),
                AccessRequest.Status.PENDING, now, now.plus(LIFETIME), Optional.empty(), Optional.empty(), 0);
        accessRequests.insert(created);
        guard.performed(requester, org, "access.request", created.id().value());
        return created;
    }

    /**
     * Approves a pending request: needs {@code APPROVE_REQUESTS} over the organization and every permission of the
     * role there; assigns the role (until {@code accessUntil} when set). An expired request is marked EXPIRED and
     * refused.
     */
    public AccessRequest approve(Actor actor, AccessRequestId id) {
        return decide(actor, id, true);
    }

    /** Denies a pending request; needs {@code APPROVE_REQUESTS} over the organization. */
    public AccessRequest deny(Actor actor, AccessRequestId id) {
        return decide(actor, id, false);
    }

    private AccessRequest decide(Actor actor, AccessRequestId id, boolean approve) {
        AccessRequest request = accessRequests.findById(id)
                .orElseThrow(() -> guard.refusedUnknown(actor, "access.decide", null));
        String operation = approve ? "access.approve" : "access.deny";
        return guard.perform(actor, operation, request.orgId(), AdminCapability.APPROVE_REQUESTS, id.value(),
                org -> {
                    if (request.status() != AccessRequest.Status.PENDING) {
                        throw AdminErrors.invalid("The request has already been decided.", "request " + id + " is "
                                + request.status());
                    }
                    Instant now = guard.now();
                    if (!request.expiresAt().isAfter(now)) {
                        expire(request, now);
                        throw AdminErrors.invalid("The request has expired.", "request " + id + " expired");
                    }
                    AccessRequest decided;
                    if (approve) {
                        Role role = roles.requireRole(request.roleId());
                        guard.requireHolds(actor, role, request.orgId());
                        decided = accessRequests.update(request.decided(AccessRequest.Status.APPROVED, actor, now));
                        NewAssignment.Builder assignment = NewAssignment.builder(request.roleId(),
                                new UserAssignee(request.requester()), request.orgId());
                        request.accessUntil().ifPresent(assignment::validUntil);
                        roles.assign(assignment.build(), actor);
                        guard.privilege(actor, org, "user:" + request.requester().value(),
                                PrivilegeChangeEvent.Change.GRANTED, "role:" + request.roleId().value(),
                                request.accessUntil());
                    } else {
                        decided = accessRequests.update(request.decided(AccessRequest.Status.DENIED, actor, now));
                    }
                    guard.emit(new AccessRequestDecisionEvent(now, org.tenant(), Optional.of(org.id()), actor,
                            id.value(), "user:" + request.requester().value(), request.roleId().value(),
                            approve ? AccessRequestDecisionEvent.Decision.APPROVED
                                    : AccessRequestDecisionEvent.Decision.DENIED));
                    return decided;
                });
    }

    /** The pending requests of an organization; needs {@code APPROVE_REQUESTS} over it. */
    public Page<AccessRequest> pending(Actor actor, OrgId orgId, PageRequest page) {
        guard.readWith(actor, orgId, AdminCapability.APPROVE_REQUESTS, "list requests of");
        return accessRequests.findPendingByOrg(orgId, page);
    }

    /**
     * Marks up to {@code limit} pending requests whose time has passed as EXPIRED (a scheduled host job calls this).
     *
     * @return how many expired
     */
    public int expire(int limit) {
        Instant now = guard.now();
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
        organizations.findById(request.orgId()).ifPresent(org -> guard.emit(new AccessRequestDecisionEvent(now,
                org.tenant(), Optional.of(org.id()), system, request.id().value(),
                "user:" + request.requester().value(), request.roleId().value(),
                AccessRequestDecisionEvent.Decision.EXPIRED)));
    }
}
