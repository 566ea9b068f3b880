package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.user.IdentityPool;
import io.partnerid.core.user.PoolId;
import io.partnerid.core.user.User;
import io.partnerid.core.user.UserId;
import io.partnerid.core.user.UserService.NewUser;
import io.partnerid.core.user.UserService;
import io.partnerid.core.user.UserStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * Identity pools, users, federated identity links and memberships on an actor's authority. Writes need
 * {@link AdminCapability#MANAGE_USERS} over the organization concerned; reads need any admin grant over it. Every
 * write is audited as an {@code admin.operation}, performed or refused.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#users()}.
 *
 * <pre>{@code
 * UserAdmin users = core.admin().users();
 * IdentityPool staff = users.createPool(partnerAdmin, partner.id(), "Northwind staff");
 * User alice = users.create(partnerAdmin, NewUser.builder(staff.id(), "alice")
 *         .email("alice@northwind.example").displayName("Alice").build());
 * users.changeStatus(partnerAdmin, alice.id(), UserStatus.LOCKED);
 * }</pre>
 */
public final class UserAdmin {

    private final Guard guard;
    private final UserService users;

    UserAdmin(Guard guard, UserService users) {
        this.guard = guard;
        this.users = users;
    }

    /** Creates an identity pool; needs {@code MANAGE_USERS} over the organization. */
    public IdentityPool createPool(Actor actor, OrgId orgId, String name) {
        return guard.perform(actor, "pool.create", orgId, AdminCapability.MANAGE_USERS, orgId.value(),
                o -> users.createPool(orgId, name));
    }

    /** Creates a user in a pool; needs {@code MANAGE_USERS} over the pool's organization. */
    public User create(Actor actor, NewUser request) {
        Objects.requireNonNull(request, "request");
        OrgId orgId = poolOrg(actor, "user.create", request.poolId());
        return guard.perform(actor, "user.create", orgId, AdminCapability.MANAGE_USERS, request.poolId().value(),
                o -> users.createUser(request));
    }

    /** Changes a user's status (lock, disable, activate); needs {@code MANAGE_USERS} over its organization. */
    public User changeStatus(Actor actor, UserId userId, UserStatus status) {
        OrgId orgId = userOrg(actor, "user.status", userId);
        return guard.perform(actor, "user.status." + status.name().toLowerCase(Locale.ROOT), orgId,
                AdminCapability.MANAGE_USERS, userId.value(), o -> users.changeStatus(userId, status));
    }

    /** Reads a user the actor can see (any capability over the user's organization). */
    public User get(Actor actor, UserId userId) {
        OrgId orgId = userOrg(actor, "user.read", userId);
        guard.read(actor, orgId);
        return users.requireUser(userId);
    }

    /** Lists the users of a pool the actor can see. */
    public Page<User> list(Actor actor, PoolId poolId, PageRequest page) {
        OrgId orgId = poolOrg(actor, "user.list", poolId);
        guard.read(actor, orgId);
        return users.usersInPool(poolId, page);
    }

    /**
     * Links a federated identity, keyed by (issuer, subject) within the user's tenant, to a user; needs
     * {@code MANAGE_USERS} over the user's organization, and the issuer must be registered to that organization or
     * an ancestor ({@code user.federated_issuer_not_registered} otherwise, see {@link UserService#link}). Another
     * tenant's link of the same pair is neither visible nor in the way.
     */
    public void link(Actor actor, UserId userId, String issuer, String subject) {
        OrgId orgId = userOrg(actor, "user.link", userId);
        guard.perform(actor, "user.link", orgId, AdminCapability.MANAGE_USERS, userId.value(),
                o -> users.link(userId, issuer, subject));
    }

    /**
     * Makes a user an explicit member of another organization; needs {@code MANAGE_USERS} over both the user's
     * home organization and the target, so that no admin can pull another partner's users into its subtree.
     */
    public void addMembership(Actor actor, UserId userId, OrgId orgId) {
        OrgId home = userOrg(actor, "membership.add", userId);
        guard.perform(actor, "membership.add", orgId, AdminCapability.MANAGE_USERS, userId.value(), o -> {
            guard.require(actor, AdminCapability.MANAGE_USERS, home);
            return users.addMembership(userId, orgId);
        });
    }

    private OrgId poolOrg(Actor actor, String operation, PoolId poolId) {
        return users.findPool(poolId).map(IdentityPool::orgId)
                .orElseThrow(() -> guard.refusedUnknown(actor, operation, null));
    }

    private OrgId userOrg(Actor actor, String operation, UserId userId) {
        return users.findUser(userId).map(User::orgId).orElseThrow(() -> guard.refusedUnknown(actor, operation, null));
    }
}
