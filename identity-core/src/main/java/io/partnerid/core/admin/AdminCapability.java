package io.partnerid.core.admin;

/**
 * An administrative capability that an {@link AdminGrant} confers over an organization subtree.
 *
 * <p>Immutable and thread-safe. Capabilities are independent: none implies another, except that holding any
 * capability over an organization lets the holder read that organization's directory (organizations, pools, users,
 * groups, roles).
 */
public enum AdminCapability {
    /** Create, rename and move sub-organizations. */
    MANAGE_ORGANIZATIONS,
    /** Create pools and users, change user status, invite users, link federated identities, memberships. */
    MANAGE_USERS,
    /** Create groups and manage group membership. */
    MANAGE_GROUPS,
    /** Define roles (only with permissions the actor holds). */
    MANAGE_ROLES,
    /**
     * Assign and revoke roles (only roles whose permissions the actor holds); also assign a role that another
     * organization granted to this one (a cross-organization grant) to a user of the subtree.
     */
    ASSIGN_ROLES,
    /** Register applications and rotate their secrets. */
    MANAGE_CLIENTS,
    /** Configure identity-provider connections (federation). */
    MANAGE_CONNECTIONS,
    /** Claim and verify email domains. */
    MANAGE_DOMAINS,
    /** Set and lock inherited settings. */
    MANAGE_SETTINGS,
    /** Grant and revoke admin capabilities (only capabilities the actor holds over the same scope). */
    MANAGE_ADMINS,
    /** Approve or deny access requests. */
    APPROVE_REQUESTS,
    /** Read the audit trail of the subtree. */
    VIEW_AUDIT,
    /** Pull the kill switch: suspend and resume the subtree. */
    SUSPEND,
    /**
     * Offer the organization's roles to a partner organization and withdraw the offer: create, update and revoke
     * cross-organization grants whose grantor lies in the subtree (identity-authz's {@code CrossOrgGrantService},
     * through {@link AdminGuard}). Assigning a granted role to a partner's user needs {@link #ASSIGN_ROLES} at the
     * user's organization instead.
     */
    MANAGE_GRANTS
}
