package io.partnerid.core;

import io.partnerid.core.client.ClientService;
import io.partnerid.core.domain.DomainVerificationService;
import io.partnerid.core.group.GroupService;
import io.partnerid.core.org.OrganizationService;
import io.partnerid.core.role.RoleService;
import io.partnerid.core.settings.SettingsService;
import io.partnerid.core.user.UserService;

/**
 * The core's domain services and stores <b>without authorization and without audit</b>: whatever is done through
 * them is checked only against the model's own rules (no cycles, one pool per user, nothing new under a suspended
 * organization, assignable roles only), never against who asks, and leaves no audit record.
 *
 * <p>For two kinds of callers only: trusted bootstrap and migration code of the host, and other SDK modules that
 * <em>read</em> the model (identity-authz resolving a subject's roles, identity-federation looking up a client).
 * Changes on anyone's behalf go through {@link IdentityCore#admin()}, the checked and audited write path.
 *
 * <p>Thread-safe; obtained from {@link IdentityCore#unchecked()}, one per core.
 *
 * <pre>{@code
 * // a read by another module: which roles does this user hold here?
 * Set<Role> roles = core.unchecked().roles().effectiveRoles(userId, orgId);
 * }</pre>
 */
public final class UncheckedServices {

    private final CoreStores stores;
    private final OrganizationService organizations;
    private final UserService users;
    private final GroupService groups;
    private final RoleService roles;
    private final ClientService clients;
    private final DomainVerificationService domains;
    private final SettingsService settings;

    UncheckedServices(CoreStores stores, OrganizationService organizations, UserService users, GroupService groups,
                      RoleService roles, ClientService clients, DomainVerificationService domains,
                      SettingsService settings) {
        this.stores = stores;
        this.organizations = organizations;
        this.users = users;
        this.groups = groups;
        this.roles = roles;
        this.clients = clients;
        this.domains = domains;
        this.settings = settings;
    }

    /** The stores everything reads and writes (unchecked, unaudited). */
    public CoreStores stores() {
        return stores;
    }

    /** The organization tree (unchecked, unaudited). */
    public OrganizationService organizations() {
        return organizations;
    }

    /** Pools, users, links and memberships (unchecked, unaudited). */
    public UserService users() {
        return users;
    }

    /** Groups (unchecked, unaudited). */
    public GroupService groups() {
        return groups;
    }

    /** Roles and assignments (unchecked, unaudited). */
    public RoleService roles() {
        return roles;
    }

    /** Client applications (unchecked, unaudited). */
    public ClientService clients() {
        return clients;
    }

    /**
     * Verified email domains (unchecked; its periodic re-check audits the lapses it finds through the core's
     * publisher).
     */
    public DomainVerificationService domains() {
        return domains;
    }

    /** Inherited settings with guardrails (unchecked, unaudited). */
    public SettingsService settings() {
        return settings;
    }
}
