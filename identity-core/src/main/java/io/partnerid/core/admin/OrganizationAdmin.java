package io.partnerid.core.admin;

import io.partnerid.core.Actor;
import io.partnerid.core.Page;
import io.partnerid.core.PageRequest;
import io.partnerid.core.org.OrgId;
import io.partnerid.core.org.Organization;
import io.partnerid.core.org.OrganizationService.NewOrganization;
import io.partnerid.core.org.OrganizationService;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The organization tree on an actor's authority: create, rename, move and read organizations. Writes need
 * {@link AdminCapability#MANAGE_ORGANIZATIONS}; reads need any admin grant over the target. Every write is audited
 * as an {@code admin.operation}, performed or refused.
 *
 * <p>Thread-safe; all state lives in the repositories. Obtained from {@link DelegatedAdministration#organizations()}.
 *
 * <pre>{@code
 * OrganizationAdmin organizations = core.admin().organizations();
 * Organization partner = organizations.createRoot(Actor.system("bootstrap"), new NewOrganization("Northwind"));
 * Organization desk = organizations.create(partnerAdmin, partner.id(), new NewOrganization("Equities"));
 * }</pre>
 */
public final class OrganizationAdmin {

    private static final Logger log = LoggerFactory.getLogger(OrganizationAdmin.class);

    private final Guard guard;
    private final OrganizationService organizations;

    OrganizationAdmin(Guard guard, OrganizationService organizations) {
        this.guard = guard;
        this.organizations = organizations;
    }

    /** Creates a root organization (a tenant); only the system may ({@code admin.not_permitted} otherwise). */
    public Organization createRoot(Actor actor, NewOrganization request) {
        Objects.requireNonNull(request, "request");
        if (actor.type() != Actor.Type.SYSTEM) {
            log.debug("{} refused: only the system creates root organizations", actor);
            throw AdminErrors.notPermitted(actor + " cannot create root organizations");
        }
        Organization org = organizations.createRoot(request);
        guard.performed(actor, org, "org.create_root", org.id().value());
        return org;
    }

    /** Creates a sub-organization; needs {@code MANAGE_ORGANIZATIONS} over the parent. */
    public Organization create(Actor actor, OrgId parent, NewOrganization request) {
        Objects.requireNonNull(request, "request");
        return guard.perform(actor, "org.create", parent, AdminCapability.MANAGE_ORGANIZATIONS, parent.value(),
                p -> organizations.createChild(parent, request));
    }

    /** Renames an organization; needs {@code MANAGE_ORGANIZATIONS} over it. */
    public Organization rename(Actor actor, OrgId orgId, String name) {
        return guard.perform(actor, "org.rename", orgId, AdminCapability.MANAGE_ORGANIZATIONS, orgId.value(),
                o -> organizations.rename(orgId, name));
    }

    /**
     * Moves an organization's subtree under a new parent; needs {@code MANAGE_ORGANIZATIONS} over both the moved
     * organization and the new parent. Cycles are refused ({@code org.cycle}).
     */
    public Organization move(Actor actor, OrgId orgId, OrgId newParent) {
        return guard.perform(actor, "org.move", orgId, AdminCapability.MANAGE_ORGANIZATIONS, orgId.value(), o -> {
            guard.require(actor, AdminCapability.MANAGE_ORGANIZATIONS, newParent);
            return organizations.move(orgId, newParent);
        });
    }

    /** Reads an organization the actor can see. */
    public Organization get(Actor actor, OrgId orgId) {
        return guard.read(actor, orgId);
    }

    /** Lists the direct children of an organization the actor can see. */
    public Page<Organization> children(Actor actor, OrgId orgId, PageRequest page) {
        guard.read(actor, orgId);
        return organizations.children(orgId, page);
    }

    /** Lists an organization the actor can see and its descendants, ordered by path. */
    public Page<Organization> subtree(Actor actor, OrgId orgId, PageRequest page) {
        guard.read(actor, orgId);
        return organizations.subtree(orgId, page);
    }
}
