package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.audit.AdminOperationEvent;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import io.partnerid.core.role.Role;
import io.partnerid.core.role.RoleId;
import io.partnerid.core.role.RoleService.NewAssignment;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.role.UserAssignee;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserService;
import io.partnerid.core.user.UserStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invitations into a pool: an admin holding {@link AdminCapability#MANAGE_USERS} (and, for each role to assign on
 * acceptance, {@link AdminCapability#ASSIGN_ROLES} and every permission of the role) invites; the invitee redeems
 * the single-use token, which creates the user and assigns the roles on the inviter's authority, as long as the
 * inviter still holds it. Every step is audited.
 *
 * <p>Thread-safe; all state lives in the repositories; tokens are stored only as SHA-256 hashes. Obtained from
 * {@link DelegatedAdministration#invitations()}.
 *
 * <pre>{@code
 * InvitationTicket ticket = core.admin().invitations().invite(partnerAdmin,
 *         new NewInvitation(staff.id(), "dave@northwind.example", Set.of(trader.id())));
 * // the host mails ticket.token(); on the invitee's visit:
 * InvitationRedemption outcome = core.admin().invitations().redeem(token, "dave", "Dave");
 * }</pre>
 */
public final class InvitationAdmin {

    private static final Logger log = LoggerFactory.getLogger(InvitationAdmin.class);

    /** How long an invitation can be redeemed. */
    static final Duration LIFETIME = Duration.ofHours(72);

    private final Guard guard;
    private final InvitationRepository invitations;
    private final OrganizationRepository organizations;
    private final UserService users;
    private final RoleService roles;

    InvitationAdmin(Guard guard, InvitationRepository invitations, OrganizationRepository organizations,
                    UserService users, RoleService roles) {
        this.guard = guard;
        this.invitations = invitations;
        this.organizations = organizations;
        this.users = users;
        this.roles = roles;
    }

    /**
     * Invites someone into a pool; needs {@code MANAGE_USERS} over the pool's organization and, for each role,
     * {@code ASSIGN_ROLES} and every permission of the role there. The token is returned once.
     */
    public InvitationTicket invite(Actor actor, NewInvitation request) {
        Objects.requireNonNull(request, "request");
        OrgId orgId = users.findPool(request.poolId()).map(IdentityPool::orgId)
                .orElseThrow(() -> guard.refusedUnknown(actor, "invitation.create", null));
        return guard.perform(actor, "invitation.create", orgId, AdminCapability.MANAGE_USERS,
                request.poolId().value(), org -> {
                    for (RoleId roleId : request.roles()) {
                        guard.require(actor, AdminCapability.ASSIGN_ROLES, orgId);
                        Role role = roles.assignableRoles(orgId).stream().filter(r -> r.id().equals(roleId))
                                .findFirst().orElseThrow(() -> AdminErrors.notPermitted(
                                        "role " + roleId + " is not assignable at " + orgId));
                        guard.requireHolds(actor, role, orgId);
                    }
                    String token = Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(guard.runtime().randomBytes(32));
                    Instant now = guard.now();
                    Invitation invitation = new Invitation(new InvitationId(guard.runtime().ids().next()), orgId,
                            request.poolId(), request.email(), request.roles(), sha256(token),
                            Invitation.Status.PENDING, actor, now, now.plus(LIFETIME), Optional.empty(), 0);
                    invitations.insert(invitation);
                    return new InvitationTicket(invitation, token);
                });
    }

    /** Revokes a pending invitation; needs {@code MANAGE_USERS} over its organization. */
    public void revoke(Actor actor, InvitationId id) {
        Invitation invitation = invitations.findById(id)
                .orElseThrow(() -> guard.refusedUnknown(actor, "invitation.revoke", null));
        guard.perform(actor, "invitation.revoke", invitation.orgId(), AdminCapability.MANAGE_USERS, id.value(),
                o -> {
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
    public InvitationRedemption redeem(String token, String username, String displayName) {
        Objects.requireNonNull(token, "token");
        Optional<Invitation> found = token.length() > 256 ? Optional.empty()
                : invitations.findByTokenHash(sha256(token));
        if (found.isEmpty()) {
            log.debug("invitation redemption refused: unknown token");
            return new InvitationRedemption.Rejected();
        }
        Invitation invitation = found.get();
        Organization org = organizations.findById(invitation.orgId()).orElse(null);
        Actor invitee = Actor.system("invitation");
        String reason = invitation.status() != Invitation.Status.PENDING ? "invitation." + invitation.status()
                .name().toLowerCase(Locale.ROOT)
                : !invitation.expiresAt().isAfter(guard.now()) ? "invitation.expired"
                : org == null || !org.isActive() ? "org.suspended"
                : !inviterStillEntitled(invitation, org) ? "invitation.inviter_not_entitled" : null;
        if (reason != null) {
            if (org != null) {
                guard.emit(new AdminOperationEvent(guard.now(), org.tenant(), Optional.of(org.id()), invitee,
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
            user = users.createUser(NewUser.builder(invitation.poolId(), username).email(invitation.email())
                    .displayName(displayName).status(UserStatus.ACTIVE).build());
        } catch (RuntimeException e) {
            invitations.update(claimed.reopened()); // the username was refused: the invitee may try another
            throw e;
        }
        invitations.update(claimed.accepted(user.id()));
        for (RoleId roleId : invitation.roles()) {
            roles.assign(NewAssignment.builder(roleId, new UserAssignee(user.id()), invitation.orgId()).build(),
                    invitation.invitedBy());
            guard.privilege(invitation.invitedBy(), org, "user:" + user.id().value(),
                    PrivilegeChangeEvent.Change.GRANTED, "role:" + roleId.value(), Optional.empty());
        }
        guard.emit(new AdminOperationEvent(guard.now(), org.tenant(), Optional.of(org.id()), invitee,
                "invitation.redeem", invitation.id().value(), AdminOperationEvent.Outcome.PERFORMED,
                Optional.empty()));
        return new InvitationRedemption.Accepted(user);
    }

    /**
     * Redemption acts on the inviter's authority, so the inviter must still hold, at redemption time, what it needed
     * at invitation time: a revoked grant or role also voids the invitations it issued.
     */
    private boolean inviterStillEntitled(Invitation invitation, Organization org) {
        Set<AdminCapability> caps = guard.capabilitiesAt(invitation.invitedBy(), org.path());
        if (!caps.contains(AdminCapability.MANAGE_USERS)
                || (!invitation.roles().isEmpty() && !caps.contains(AdminCapability.ASSIGN_ROLES))) {
            return false;
        }
        try {
            for (RoleId roleId : invitation.roles()) {
                guard.requireHolds(invitation.invitedBy(), roles.requireRole(roleId), org.id());
            }
            return true;
        } catch (IdentityException e) {
            return false;
        }
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
