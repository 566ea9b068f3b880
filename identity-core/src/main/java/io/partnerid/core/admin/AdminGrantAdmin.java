package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.IdentityException;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.audit.PrivilegeChangeEvent;
import io.partnerid.core.org.OrgId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Admin grants on an actor's authority: who may administer which subtree with which {@link AdminCapability}s.
 * Granting and revoking need {@link AdminCapability#MANAGE_ADMINS} over the scope; nobody grants a capability it does
 * not hold there ({@code admin.escalation}). Each granted or revoked capability is audited as a privilege change.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#adminGrants()}.
 *
 * <pre>{@code
 * AdminGrant grant = core.admin().adminGrants().grant(Actor.system("bootstrap"), new NewAdminGrant(
 *         Actor.user(partnerAdmin.id().value()), partner.id(),
 *         EnumSet.of(AdminCapability.MANAGE_ORGANIZATIONS, AdminCapability.MANAGE_USERS)));
 * }</pre>
 */
public final class AdminGrantAdmin {

    private final Guard guard;
    private final AdminGrantRepository grants;

    AdminGrantAdmin(Guard guard, AdminGrantRepository grants) {
        this.guard = guard;
        this.grants = grants;
    }

    /**
     * Grants admin capabilities; needs {@code MANAGE_ADMINS} over the scope and every granted capability there.
     *
     * @throws IdentityException {@code admin.escalation} when the actor lacks one of the capabilities
     */
    public AdminGrant grant(Actor actor, NewAdminGrant request) {
        Objects.requireNonNull(request, "request");
        return guard.perform(actor, "admin.grant", request.scope(), AdminCapability.MANAGE_ADMINS,
                request.principal().toString(), scope -> {
                    Set<AdminCapability> held = guard.capabilitiesAt(actor, scope.path());
                    if (!held.containsAll(request.capabilities())) {
                        EnumSet<AdminCapability> missing = EnumSet.copyOf(request.capabilities());
                        missing.removeAll(held);
                        throw AdminErrors.escalation(actor + " does not hold " + missing + " over " + scope.id());
                    }
                    AdminGrant grant = new AdminGrant(new AdminGrantId(guard.runtime().ids().next()),
                            request.principal(), request.scope(), request.capabilities(), actor, guard.now());
                    grants.insert(grant);
                    for (AdminCapability capability : grant.capabilities()) {
                        guard.privilege(actor, scope, request.principal().toString(),
                                PrivilegeChangeEvent.Change.GRANTED, "admin:" + capability.name(), Optional.empty());
                    }
                    return grant;
                });
    }

    /** Revokes an admin grant; needs {@code MANAGE_ADMINS} over the grant's scope. */
    public void revoke(Actor actor, AdminGrantId grantId) {
        AdminGrant grant = grants.findById(grantId)
                .orElseThrow(() -> AdminErrors.notPermitted(actor + " revokes unknown grant " + grantId));
        guard.perform(actor, "admin.revoke", grant.scope(), AdminCapability.MANAGE_ADMINS, grantId.value(), scope -> {
            if (grants.delete(grantId)) {
                for (AdminCapability capability : grant.capabilities()) {
                    guard.privilege(actor, scope, grant.principal().toString(), PrivilegeChangeEvent.Change.REVOKED,
                            "admin:" + capability.name(), Optional.empty());
                }
            }
            return grant;
        });
    }

    /** The admin grants whose scope is {@code scope}; needs {@code MANAGE_ADMINS} over it. */
    public Page<AdminGrant> list(Actor actor, OrgId scope, PageRequest page) {
        guard.readWith(actor, scope, AdminCapability.MANAGE_ADMINS, "list grants of");
        return grants.findByScope(scope, page);
    }

    /** The capabilities {@code actor} holds over {@code orgId} (empty for unknown organizations). */
    public Set<AdminCapability> capabilitiesAt(Actor actor, OrgId orgId) {
        return guard.capabilitiesAt(actor, orgId);
    }
}
