package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.org.OrgId;

/**
 * The delegated-administration check for services outside identity-core that change privileges on someone's
 * authority (identity-authz's cross-organization grants, …): does the actor hold an {@link AdminCapability} over an
 * organization?
 *
 * <p>Implementations must be thread-safe. {@link DelegatedAdministration#guard()} is the SDK's implementation: the
 * same admin grants, subtree confinement and suspension rules as the façade's own operations, with a refusal audited
 * like theirs. A service that receives a guard calls it before every mutating operation and performs nothing when it
 * throws.
 */
@FunctionalInterface
public interface AdminGuard {

    /**
     * Checks that {@code actor} holds {@code capability} over {@code target} (through an admin grant whose scope is
     * the target or one of its ancestors) and that the target is active.
     *
     * <p>{@link Actor#system(String)}, the host's own authority, holds every capability everywhere; it is refused
     * only for a known but suspended organization, and, unlike every other actor, it passes for an organization id
     * that identity-core does not know (the host seeding a policy document that names organizations by its own ids).
     * Any other actor is refused for an unknown organization, in the same words as for one outside its reach.
     *
     * @param actor who acts
     * @param capability what the operation needs
     * @param target the organization acted on
     * @param operation the operation's audit name (for example {@code grant.create}), recorded with a refusal
     * @throws io.partnerid.core.IdentityException {@code admin.not_permitted} when the target is unknown or outside
     *     the actor's reach for that capability; {@code org.suspended} when the target is suspended
     */
    void require(Actor actor, AdminCapability capability, OrgId target, String operation);
}
