package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgErrors;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.OrgPath;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationRepository;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Answers what an actor may administer: the scopes of its admin grants, resolved to paths.
 *
 * <p>Thread-safe and stateless beyond its repositories; every answer reads the current grants, so a revoked grant
 * stops working at once.
 */
final class AdminAuthority {

    private final AdminGrantRepository grants;
    private final OrganizationRepository organizations;

    AdminAuthority(AdminGrantRepository grants, OrganizationRepository organizations) {
        this.grants = grants;
        this.organizations = organizations;
    }

    /** The capabilities {@code actor} holds over {@code target} (all of them for the system). */
    Set<AdminCapability> capabilitiesAt(Actor actor, OrgPath target) {
        if (actor.type() == Actor.Type.SYSTEM) {
            return EnumSet.allOf(AdminCapability.class);
        }
        EnumSet<AdminCapability> held = EnumSet.noneOf(AdminCapability.class);
        for (AdminGrant grant : grants.findByPrincipal(actor)) {
            Optional<Organization> scope = organizations.findById(grant.scope());
            if (scope.isPresent() && scope.get().path().isAncestorOrSelfOf(target)) {
                held.addAll(grant.capabilities());
            }
        }
        return held;
    }

    /** True when the actor holds any grant whose scope covers {@code target}. */
    boolean covers(Actor actor, OrgPath target) {
        return !capabilitiesAt(actor, target).isEmpty();
    }

    /**
     * Resolves the target and checks that the actor holds {@code capability} over it and that it is active.
     *
     * @return the target organization
     * @throws io.partnerid.core.IdentityException {@code admin.not_permitted} when the target does not exist or is
     *     outside the actor's reach for that capability, {@code org.suspended} when it is suspended
     */
    Organization require(Actor actor, AdminCapability capability, OrgId target) {
        Organization org = organizations.findById(target)
                .orElseThrow(() -> AdminErrors.notPermitted(actor + " " + capability + " on unknown " + target));
        if (!capabilitiesAt(actor, org.path()).contains(capability)) {
            throw AdminErrors.notPermitted(actor + " lacks " + capability + " on " + target);
        }
        if (!org.isActive()) {
            throw OrgErrors.suspended(target);
        }
        return org;
    }

    /** Like {@link #require} but for reads: any capability over the target suffices, suspension does not matter. */
    Organization requireVisible(Actor actor, OrgId target) {
        Organization org = organizations.findById(target)
                .orElseThrow(() -> AdminErrors.notPermitted(actor + " reads unknown " + target));
        if (!covers(actor, org.path())) {
            throw AdminErrors.notPermitted(actor + " cannot see " + target);
        }
        return org;
    }

    /** The grants of an actor. */
    List<AdminGrant> grantsOf(Actor actor) {
        return grants.findByPrincipal(actor);
    }
}
